import type { Connection, DeadLetter, Listing, ReplayResult } from '../api/hub-types';
import { itemsOf } from '../api/hub-types';
import { ApiError, describeError } from '../api/problem';
import { parseObjectText } from '../connections/definition-text';
import { h, replaceChildren } from '../dom/element';
import type { Page, PageContext } from '../shell/page';
import { statusBadge } from '../ui/badge';
import { dataTable } from '../ui/data-table';
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
        'Records that failed mapping or validation during a sync, kept with the reason and the raw record until fixed and replayed.',
      ),
      body,
    );
  },
};

function deadLetterBrowser(context: PageContext, connections: Connection[]): HTMLElement {
  const { api, signal, announce } = context;
  const names = new Map(connections.map((c) => [c.id, c.name]));
  const connection = h(
    'select',
    { id: 'dead-letter-connection' },
    h('option', { value: '' }, 'All connections'),
    connections.map((c) => h('option', { value: c.id, selected: c.id === context.query.get('connectionId') }, c.name)),
  );
  const status = h(
    'select',
    { id: 'dead-letter-status' },
    ['open', 'replayed', 'discarded'].map((value) => h('option', { value }, value)),
  );
  const list = h('div', {});
  const detail = h('section', { class: 'card detail', 'aria-labelledby': 'dead-letter-title', hidden: true });

  const load = async () => {
    replaceChildren(list, loadingState('dead letters'));
    try {
      const query = { connectionId: connection.value || undefined, status: status.value };
      const letters = itemsOf(await api.get<Listing<DeadLetter>>('/v1/dead-letters', query, signal));
      replaceChildren(
        list,
        letters.length === 0
          ? emptyState(`No ${status.value} dead letters`, 'Every record synced so far passed mapping and validation.')
          : dataTable(
              'Dead letters',
              [
                { header: 'When', cell: (l) => formatTime(l.createdAt), className: 'nowrap' },
                { header: 'Connection', cell: (l) => names.get(l.connectionId) ?? l.connectionId },
                { header: 'Entity', cell: (l) => l.entity },
                { header: 'Source id', cell: (l) => h('code', {}, l.sourceId ?? '—') },
                { header: 'Reason', cell: (l) => l.reason },
                { header: 'Status', cell: (l) => statusBadge(l.status) },
                {
                  header: 'Actions',
                  cell: (l) =>
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'button-small',
                        'aria-label': `Inspect ${l.sourceId ?? l.id}`,
                        onclick: () => void inspect(l.id),
                      },
                      'Inspect',
                    ),
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

  const inspect = async (id: string) => {
    detail.hidden = false;
    replaceChildren(detail, loadingState('the dead letter'));
    try {
      replaceChildren(detail, letterView(await api.get<DeadLetter>(`/v1/dead-letters/${id}`, undefined, signal)));
      detail.querySelector<HTMLElement>('h2')?.focus();
    } catch (error) {
      replaceChildren(detail, errorState(error));
    }
  };

  const letterView = (letter: DeadLetter): HTMLElement[] => {
    const original = JSON.stringify(letter.raw ?? {}, null, 2);
    const raw = h('textarea', {
      id: 'dead-letter-raw',
      class: 'code',
      rows: Math.min(16, original.split('\n').length + 1),
      spellcheck: 'false',
      'aria-describedby': 'dead-letter-raw-hint',
    });
    raw.value = original;
    const result = h('div', { role: 'status', class: 'replay-result' });
    const replay = h('button', { type: 'button', disabled: letter.status !== 'open' }, 'Replay');
    replay.addEventListener('click', async () => {
      const edited = raw.value.trim() === original.trim() ? undefined : parseObjectText(raw.value, 'The record');
      if (edited && !edited.ok) {
        result.textContent = edited.message;
        return;
      }
      replay.disabled = true;
      try {
        const answer = await api.post<ReplayResult>(
          `/v1/dead-letters/${letter.id}/replay`,
          edited ? { raw: edited.value } : {},
        );
        const message =
          answer.outcome === 'stored'
            ? 'Replayed: the record now maps and validates, and is stored.'
            : `Rejected again: ${answer.deadLetter.reason}`;
        replaceChildren(result, h('p', { 'data-outcome': answer.outcome }, message));
        announce(message);
        void load();
      } catch (error) {
        result.textContent = describeError(error);
      } finally {
        replay.disabled = false;
      }
    });
    return [
      h('h2', { id: 'dead-letter-title', tabindex: -1 }, `Dead letter ${letter.sourceId ?? letter.id}`),
      h(
        'dl',
        { class: 'summary' },
        h('dt', {}, 'Reason'),
        h('dd', { class: 'reason' }, letter.reason),
        h('dt', {}, 'Stage'),
        h('dd', {}, letter.stage),
        h('dt', {}, 'Seen'),
        h(
          'dd',
          {},
          `${letter.occurrences} time${letter.occurrences === 1 ? '' : 's'}, first ${formatTime(letter.createdAt)}`,
        ),
      ),
      letter.errors.length
        ? h(
            'ul',
            { class: 'field-errors' },
            letter.errors.map((error) => h('li', {}, h('code', {}, error.field), `: ${error.message}`)),
          )
        : h('span'),
      h('div', { class: 'field' }, h('label', { for: raw.id }, 'Raw record'), raw),
      h(
        'p',
        { class: 'hint', id: 'dead-letter-raw-hint' },
        'As read from the legacy system. Correct it here to replay the corrected record, or replay it as it is.',
      ),
      h('div', { class: 'actions' }, replay),
      result,
    ];
  };

  connection.addEventListener('change', () => void load());
  status.addEventListener('change', () => void load());
  void load();
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: connection.id }, 'Connection'), connection),
      h('div', { class: 'field' }, h('label', { for: status.id }, 'Status'), status),
    ),
    h('div', { class: 'columns' }, list, detail),
  );
}
