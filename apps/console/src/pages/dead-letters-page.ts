import type { Connection, DeadLetter, Listing } from '../api/hub-types';
import { itemsOf } from '../api/hub-types';
import { ApiError, describeError } from '../api/problem';
import { h, replaceChildren } from '../dom/element';
import { reasonText } from '../pipeline/sync-progress';
import type { Page, PageContext } from '../shell/page';
import { statusBadge } from '../ui/badge';
import { dataTable } from '../ui/data-table';
import { jsonView } from '../ui/json-view';
import { emptyState, errorState, loadingState, notEnabledState } from '../ui/states';
import { formatTime } from '../ui/time-format';

export const deadLettersPage: Page = {
  title: 'Dead letters',
  render(context) {
    const { api, signal } = context;
    const body = h('div', {}, loadingState('dead letters'));
    api
      .get<Connection[]>('/v1/connections', undefined, signal)
      .catch(() => [] as Connection[])
      .then((connections) => replaceChildren(body, deadLetterBrowser(context, connections)));
    return h(
      'div',
      { class: 'page' },
      h('h1', {}, 'Dead letters'),
      h(
        'p',
        { class: 'lead' },
        'Records that failed mapping or validation during a sync, kept with the reason and the raw record.',
      ),
      body,
    );
  },
};

function deadLetterBrowser(context: PageContext, connections: Connection[]): HTMLElement {
  const { api, signal, announce } = context;
  const names = new Map(connections.map((c) => [c.id, c.name]));
  const filter = h(
    'select',
    { id: 'dead-letter-connection' },
    h('option', { value: '' }, 'All connections'),
    connections.map((c) => h('option', { value: c.id, selected: c.id === context.query.get('connectionId') }, c.name)),
  );
  const list = h('div', {});
  const detail = h('section', { class: 'card detail', 'aria-labelledby': 'dead-letter-title', hidden: true });

  const load = async () => {
    replaceChildren(list, loadingState('dead letters'));
    try {
      const letters = itemsOf(
        await api.get<Listing<DeadLetter>>('/v1/dead-letters', { connectionId: filter.value || undefined }, signal),
      );
      replaceChildren(
        list,
        letters.length === 0
          ? emptyState('No dead letters', 'Every record synced so far passed mapping and validation.')
          : dataTable(
              'Dead letters',
              [
                { header: 'When', cell: (l) => formatTime(l.createdAt ?? (l.failedAt as string | undefined)) },
                { header: 'Connection', cell: (l) => names.get(l.connectionId ?? '') ?? l.connectionId ?? '—' },
                { header: 'Entity', cell: (l) => l.entity ?? '—' },
                { header: 'Source id', cell: (l) => h('code', {}, l.sourceId ?? '—') },
                { header: 'Reason', cell: (l) => reasonText(l.reason ?? l.errors ?? l.error) },
                { header: 'Status', cell: (l) => (l.status ? statusBadge(l.status) : '—') },
                {
                  header: 'Actions',
                  cell: (l) =>
                    h('button', { type: 'button', class: 'button-small', onclick: () => inspect(l) }, 'Inspect'),
                },
              ],
              letters,
              (l) => ({ 'data-dead-letter': l.id }),
            ),
      );
    } catch (error) {
      replaceChildren(
        list,
        error instanceof ApiError && error.status === 404
          ? notEnabledState(
              'Pipeline',
              'This hub answers no dead-letter routes yet; they come with the pipeline module.',
            )
          : errorState(error),
      );
    }
  };

  const inspect = (letter: DeadLetter) => {
    const result = h('p', { role: 'status', class: 'replay-result' });
    const replay = h('button', { type: 'button' }, 'Replay');
    replay.addEventListener('click', async () => {
      replay.disabled = true;
      try {
        const answer = await api.post<Record<string, unknown>>(`/v1/dead-letters/${letter.id}/replay`);
        const outcome = typeof answer?.status === 'string' ? answer.status : 'replayed';
        result.textContent = `Replay ${outcome}.`;
        announce(`Dead letter replay ${outcome}.`);
        void load();
      } catch (error) {
        result.textContent = describeError(error);
      } finally {
        replay.disabled = false;
      }
    });
    replaceChildren(
      detail,
      h('h2', { id: 'dead-letter-title', tabindex: -1 }, `Dead letter ${letter.sourceId ?? letter.id}`),
      h(
        'p',
        { class: 'reason' },
        h('strong', {}, 'Reason: '),
        reasonText(letter.reason ?? letter.errors ?? letter.error),
      ),
      Array.isArray(letter.errors) && letter.errors.length ? jsonView('Field errors', letter.errors) : null,
      jsonView('Raw record', letter.raw ?? letter.record ?? letter.payload ?? letter.data ?? null),
      h('div', { class: 'actions' }, replay),
      result,
    );
    detail.hidden = false;
    detail.querySelector<HTMLElement>('h2')?.focus();
  };

  filter.addEventListener('change', () => void load());
  void load();
  return h(
    'div',
    {},
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: filter.id }, 'Connection'), filter)),
    h('div', { class: 'columns' }, list, detail),
  );
}
