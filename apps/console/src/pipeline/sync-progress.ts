import type { SyncRun } from '../api/hub-types';
import { h } from '../dom/element';

/** The run's counters (pages, records read, written, rejected…), whatever the pipeline reports. */
export function syncProgress(run: SyncRun): HTMLElement {
  const counters = Object.entries(run.progress ?? {}).filter(([, value]) => typeof value === 'number');
  return h(
    'span',
    { class: 'counters' },
    counters.length ? counters.map(([name, value]) => `${humanize(name)} ${value}`).join(' · ') : 'no counters yet',
  );
}

function humanize(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
