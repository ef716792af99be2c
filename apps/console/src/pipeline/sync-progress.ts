import type { SyncRun } from '../api/hub-types';
import { h } from '../dom/element';

/** Whatever counters the pipeline reports (fetched, stored, dead-lettered…), with a bar when a total is known. */
export function syncProgress(run: SyncRun): HTMLElement {
  const source = (run.progress ?? run.counts ?? run.stats ?? {}) as Record<string, unknown>;
  const counters = Object.entries(source).filter(([, value]) => typeof value === 'number') as [string, number][];
  const total = counters.find(([name]) => name === 'total')?.[1];
  const done = counters.find(([name]) => /processed|done|fetched/.test(name))?.[1];
  return h(
    'div',
    { class: 'sync-progress' },
    total && done !== undefined
      ? h('progress', { max: total, value: Math.min(done, total), 'aria-label': `${done} of ${total} records` })
      : null,
    h(
      'span',
      { class: 'counters' },
      counters.length ? counters.map(([name, value]) => `${humanize(name)} ${value}`).join(' · ') : 'no counters yet',
    ),
  );
}

function humanize(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A dead letter's reason as one readable line, whatever shape the pipeline gave it. */
export function reasonText(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  if (Array.isArray(reason))
    return reason
      .map((item) =>
        typeof item === 'object' && item && 'message' in item
          ? `${(item as { field?: string }).field ?? ''} ${(item as { message: string }).message}`.trim()
          : String(item),
      )
      .join('; ');
  if (reason && typeof reason === 'object' && 'message' in reason)
    return String((reason as { message: unknown }).message);
  return reason === undefined || reason === null ? '—' : JSON.stringify(reason);
}
