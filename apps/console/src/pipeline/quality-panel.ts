import type { ApiClient } from '../api/api-client';
import type { Listing, QualityFigures } from '../api/hub-types';
import { itemsOf } from '../api/hub-types';
import { h, replaceChildren } from '../dom/element';
import { dataTable } from '../ui/data-table';
import { emptyState, errorState, loadingState } from '../ui/states';

/** Data-quality figures of one connection's syncs, per entity; `refresh()` reloads them. */
export function qualityPanel(
  api: ApiClient,
  signal: AbortSignal,
): { element: HTMLElement; refresh(connectionId: string): void } {
  const body = h('div', { id: 'sync-quality' }, loadingState('data-quality figures'));
  const refresh = (connectionId: string) => {
    api
      .get<Listing<QualityFigures>>(
        `/v1/pipeline/quality?connectionId=${encodeURIComponent(connectionId)}`,
        undefined,
        signal,
      )
      .then((listing) => {
        const rows = itemsOf(listing);
        replaceChildren(
          body,
          rows.length === 0
            ? emptyState('No figures yet', 'Data-quality figures appear after the first sync page is normalized.')
            : dataTable(
                'Data quality',
                [
                  { header: 'Entity', cell: (row) => row.entity },
                  { header: 'Read', cell: (row) => String(row.recordsRead), className: 'numeric' },
                  { header: 'Written', cell: (row) => String(row.written), className: 'numeric' },
                  { header: 'Unchanged', cell: (row) => String(row.unchanged), className: 'numeric' },
                  {
                    header: 'Rejected',
                    cell: (row) => `${row.rejected} (${(row.rejectedRate * 100).toFixed(1)} %)`,
                    className: 'numeric',
                  },
                  { header: 'Duplicates', cell: (row) => String(row.duplicates), className: 'numeric' },
                  {
                    header: 'Missing required fields',
                    cell: (row) =>
                      Object.entries(row.missingRequired)
                        .map(([field, count]) => `${field} ${count}`)
                        .join(' · ') || '—',
                  },
                ],
                rows,
                (row) => ({ 'data-quality-entity': row.entity }),
              ),
        );
      })
      .catch((error: unknown) => {
        if (!signal.aborted) replaceChildren(body, errorState(error));
      });
  };
  return {
    element: h('section', { 'aria-label': 'Data quality' }, h('h2', {}, 'Data quality'), body),
    refresh,
  };
}
