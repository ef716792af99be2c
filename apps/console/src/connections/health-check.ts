import type { ApiClient } from '../api/api-client';
import type { ConnectionTest } from '../api/hub-types';
import { describeError } from '../api/problem';
import { h, replaceChildren } from '../dom/element';
import { badge } from '../ui/badge';

/** Runs POST /v1/connections/:id/test and shows the result in `cell`; resolves to whether the system answered. */
export async function checkHealth(api: ApiClient, connectionId: string, cell: HTMLElement): Promise<boolean> {
  replaceChildren(cell, badge('checking…', 'neutral'));
  try {
    const result = await api.post<ConnectionTest>(`/v1/connections/${connectionId}/test`);
    replaceChildren(cell, healthResult(result));
    return result.ok;
  } catch (error) {
    replaceChildren(cell, badge('not checked', 'neutral'), h('span', { class: 'health-detail' }, describeError(error)));
    return false;
  }
}

export function healthResult(result: ConnectionTest): HTMLElement {
  return h(
    'span',
    { class: 'health', 'data-health': result.ok ? 'ok' : 'failing' },
    badge(result.ok ? 'healthy' : 'failing', result.ok ? 'ok' : 'bad'),
    h(
      'span',
      { class: 'health-detail' },
      result.ok
        ? `${result.latencyMs} ms`
        : `${result.error?.code ?? 'error'}: ${result.error?.message ?? 'no answer'} (${result.latencyMs} ms)`,
    ),
  );
}
