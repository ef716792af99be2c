import type { Listing } from '../api/hub-types';
import { itemsOf } from '../api/hub-types';
import { h, replaceChildren } from '../dom/element';
import type { PageContext } from '../shell/page';
import { badge } from '../ui/badge';
import { dataTable } from '../ui/data-table';
import { emptyState, errorState, loadingState } from '../ui/states';

interface ModelSummary {
  name: string;
  version: string;
  enabled: boolean;
}

interface DriftReport {
  model: string;
  version: string;
  status: string;
  threshold: number;
  alerting: boolean;
  reference?: { source: string; size: number; collected: number };
  window?: { minutes: number; records: number; minSamples: number };
  features: { name: string; kind: string; psi: number | null; drifted: boolean }[];
}

/** Per enabled model: drift status, and the population stability index of each input and the output. */
export function driftPanel(context: PageContext): HTMLElement {
  const body = h('div', {}, loadingState('drift'));
  context.api
    .get<Listing<ModelSummary>>('/v1/inference/models', {}, context.signal)
    .then(async (listing) => {
      const models = itemsOf(listing).filter((model) => model.enabled);
      const reports = await Promise.all(
        models.map((model) =>
          context.api.get<DriftReport>(
            `/v1/inference/models/${encodeURIComponent(model.name)}/drift`,
            {},
            context.signal,
          ),
        ),
      );
      replaceChildren(
        body,
        reports.length ? reports.map(modelDrift) : emptyState('Drift: none', 'No enabled models to watch.'),
      );
    })
    .catch((error: unknown) => replaceChildren(body, errorState(error)));
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'inference-drift' },
    h('h2', { id: 'inference-drift' }, 'Drift'),
    body,
  );
}

function modelDrift(report: DriftReport): HTMLElement {
  const tone = report.alerting ? 'bad' : report.status === 'monitoring' ? 'ok' : 'neutral';
  const summary =
    report.status === 'collecting'
      ? `collecting the reference: ${report.reference?.collected ?? 0} of ${report.reference?.size ?? 0} records`
      : report.status === 'insufficient'
        ? `${report.window?.records ?? 0} of ${report.window?.minSamples ?? 0} records needed in the current window`
        : report.status === 'monitoring'
          ? `${report.window?.records ?? 0} records in the last ${report.window?.minutes ?? 0} min against ${report.reference?.size ?? 0} (${report.reference?.source ?? 'first'}); threshold ${report.threshold}`
          : 'not monitored';
  return h(
    'div',
    { class: 'drift-model', 'data-model': report.model },
    h(
      'p',
      {},
      h('strong', {}, `${report.model}@${report.version} `),
      badge(report.alerting ? 'drifted' : report.status, tone),
      ` ${summary}`,
    ),
    report.status === 'monitoring'
      ? dataTable(
          `Drift of ${report.model}`,
          [
            { header: 'feature', cell: (f) => f.name },
            { header: 'kind', cell: (f) => f.kind },
            { header: 'PSI', cell: (f) => (f.psi === null ? '—' : f.psi.toFixed(3)), className: 'numeric' },
            { header: '', cell: (f) => (f.drifted ? badge('drifted', 'bad') : badge('stable', 'ok')) },
          ],
          [...report.features].sort((a, b) => (b.psi ?? -1) - (a.psi ?? -1)),
        )
      : [],
  );
}
