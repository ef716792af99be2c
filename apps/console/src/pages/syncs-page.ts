import type { Connection, Listing, SyncRun } from '../api/hub-types';
import { itemsOf, TERMINAL_SYNC_STATES } from '../api/hub-types';
import { ApiError, describeError } from '../api/problem';
import { h, replaceChildren } from '../dom/element';
import { qualityPanel } from '../pipeline/quality-panel';
import { syncProgress } from '../pipeline/sync-progress';
import type { Page, PageContext } from '../shell/page';
import { consolePath } from '../shell/router';
import { statusBadge } from '../ui/badge';
import { dataTable } from '../ui/data-table';
import { emptyState, errorState, loadingState, notEnabledState } from '../ui/states';
import { formatTime } from '../ui/time-format';

const POLL_MS = 1000;

export const syncsPage: Page = {
  title: 'Syncs',
  render(context) {
    const { api, signal } = context;
    const body = h('div', {}, loadingState('connections'));
    api
      .get<Connection[]>('/v1/connections', undefined, signal)
      .then((connections) =>
        replaceChildren(
          body,
          connections.length === 0
            ? emptyState(
                'No connections',
                'Syncs copy a connection’s records into the canonical store. Create a connection first.',
                h('a', { href: consolePath('connections/new'), 'data-link': true }, 'Create a connection'),
              )
            : syncControls(context, connections),
        ),
      )
      .catch((error: unknown) => replaceChildren(body, errorState(error)));
    return h('div', { class: 'page' }, h('h1', {}, 'Syncs'), body);
  },
};

function syncControls(context: PageContext, connections: Connection[]): HTMLElement {
  const { api, signal, announce } = context;
  const chosen = connections.find((c) => c.id === context.query.get('connection')) ?? connections[0];
  const connection = h(
    'select',
    { id: 'sync-connection' },
    connections.map((c) => h('option', { value: c.id, selected: c.id === chosen.id }, c.name)),
  );
  const entity = h('select', { id: 'sync-entity', required: true });
  const mode = h(
    'select',
    { id: 'sync-mode' },
    h('option', { value: 'incremental' }, 'Incremental (changes since the last run)'),
    h('option', { value: 'full' }, 'Full (every record)'),
  );
  const start = h('button', { type: 'submit' }, 'Start sync');
  const runs = h('div', { id: 'sync-runs' }, loadingState('syncs'));
  const formError = h('p', { class: 'form-error', role: 'alert' });
  const quality = qualityPanel(api, signal);
  let current = chosen;
  let shown: SyncRun[] = [];
  let timer: number | undefined;
  signal.addEventListener('abort', () => window.clearTimeout(timer));

  const fillEntities = () => {
    replaceChildren(
      entity,
      current.definition.entities.map((name) => h('option', { value: name }, name)),
    );
  };

  const draw = () => {
    replaceChildren(
      runs,
      shown.length === 0
        ? emptyState('No syncs yet', `Start one to copy ${current.name}’s records into the canonical store.`)
        : dataTable(
            'Sync runs',
            [
              { header: 'Started', cell: (run) => formatTime(run.startedAt ?? run.createdAt) },
              { header: 'Entity', cell: (run) => [run.entity ?? '—', run.mode ? ` (${String(run.mode)})` : ''] },
              {
                header: 'Status',
                cell: (run) => [
                  statusBadge(run.status),
                  run.error ? h('span', { class: 'health-detail' }, `${run.error.code}: ${run.error.message}`) : null,
                ],
              },
              { header: 'Progress', cell: (run) => syncProgress(run) },
              { header: 'Finished', cell: (run) => formatTime(run.finishedAt) },
              {
                header: 'Actions',
                cell: (run) =>
                  isActive(run)
                    ? h(
                        'button',
                        { type: 'button', class: 'button-small button-danger', onclick: () => void cancel(run) },
                        'Cancel',
                      )
                    : '',
              },
            ],
            shown,
            (run) => ({ 'data-sync-status': run.status }),
          ),
    );
  };

  const poll = () => {
    window.clearTimeout(timer);
    if (signal.aborted || !shown.some(isActive)) return;
    timer = window.setTimeout(async () => {
      try {
        shown = await Promise.all(
          shown.map((run) => (isActive(run) ? api.get<SyncRun>(`/v1/syncs/${run.id}`, undefined, signal) : run)),
        );
        draw();
        for (const run of shown.filter((r) => !isActive(r))) announceOnce(run);
      } catch (error) {
        if (!signal.aborted) announce(describeError(error));
      }
      poll();
    }, POLL_MS);
  };

  const announced = new Set<string>();
  const announceOnce = (run: SyncRun) => {
    if (announced.has(run.id)) return;
    announced.add(run.id);
    announce(`Sync ${run.status}.`);
    quality.refresh(current.id);
  };

  const load = async () => {
    replaceChildren(runs, loadingState('syncs'));
    try {
      shown = itemsOf(await api.get<Listing<SyncRun>>(`/v1/connections/${current.id}/syncs`, undefined, signal));
      shown.filter((run) => !isActive(run)).forEach((run) => announced.add(run.id));
      start.disabled = false;
      draw();
      poll();
      quality.refresh(current.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        start.disabled = true;
        replaceChildren(
          runs,
          notEnabledState(
            'Pipeline',
            'This hub answers no sync routes yet: syncs, their progress and dead letters appear once the pipeline module is enabled.',
          ),
        );
      } else replaceChildren(runs, errorState(error));
    }
  };

  const cancel = async (run: SyncRun) => {
    try {
      const cancelled = await api.post<SyncRun>(`/v1/syncs/${run.id}/cancel`);
      shown = shown.map((r) => (r.id === run.id ? { ...r, ...cancelled } : r));
      announce('Cancel requested.');
      draw();
      poll();
    } catch (error) {
      announce(describeError(error));
    }
  };

  const form = h(
    'form',
    { class: 'toolbar', 'aria-label': 'Start a sync' },
    h('div', { class: 'field' }, h('label', { for: connection.id }, 'Connection'), connection),
    h('div', { class: 'field' }, h('label', { for: entity.id }, 'Entity'), entity),
    h('div', { class: 'field' }, h('label', { for: mode.id }, 'Mode'), mode),
    start,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replaceChildren(formError);
    start.disabled = true;
    try {
      const run = await api.post<SyncRun>(`/v1/connections/${current.id}/syncs`, {
        entity: entity.value,
        mode: mode.value,
      });
      shown = [run, ...shown.filter((r) => r.id !== run.id)];
      announce(`Sync of ${current.name} started.`);
      draw();
      poll();
    } catch (error) {
      replaceChildren(formError, describeError(error));
    } finally {
      start.disabled = false;
    }
  });
  connection.addEventListener('change', () => {
    current = connections.find((c) => c.id === connection.value) ?? current;
    fillEntities();
    void load();
  });
  fillEntities();
  void load();
  return h('div', {}, form, formError, h('section', { 'aria-label': 'Sync runs' }, runs), quality.element);
}

function isActive(run: SyncRun): boolean {
  return !TERMINAL_SYNC_STATES.includes(run.status);
}
