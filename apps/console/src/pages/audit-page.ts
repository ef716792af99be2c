import type { AuditEvent, AuditEventPage, Connection } from '../api/hub-types';
import { auditEventDetail } from '../audit/audit-event-detail';
import { AuditFilters, FILTER_NAMES } from '../audit/audit-filters';
import { auditTools } from '../audit/audit-tools';
import { h, replaceChildren } from '../dom/element';
import type { Page, PageContext } from '../shell/page';
import { consolePath } from '../shell/router';
import { statusBadge } from '../ui/badge';
import { dataTable } from '../ui/data-table';
import { emptyState, errorState, loadingState } from '../ui/states';
import { formatMs, formatTime } from '../ui/time-format';

const PAGE_SIZE = 50;

export const auditPage: Page = {
  title: 'Audit log',
  render(context) {
    const body = h('div', {}, loadingState('the audit log'));
    context.api
      .get<Connection[]>('/v1/connections', undefined, context.signal)
      .catch(() => [] as Connection[])
      .then((connections) => replaceChildren(body, auditBrowser(context, connections)));
    return h('div', { class: 'page' }, h('h1', {}, 'Audit log'), body);
  },
};

function auditBrowser(context: PageContext, connections: Connection[]): HTMLElement {
  const { api, signal, announce } = context;
  const names = new Map(connections.map((c) => [c.id, c.name]));
  const connectionName = (id: string | null) => (id ? (names.get(id) ?? id) : '—');
  const list = h('div', { id: 'audit-events' });
  const more = h('button', { type: 'button', class: 'button-secondary', hidden: true }, 'Load more');
  const count = h('p', { class: 'count', role: 'status' });
  const detail = h('section', { class: 'card detail', 'aria-labelledby': 'audit-event-title', hidden: true });
  let events: AuditEvent[] = [];
  let cursor: string | null = null;

  const filters = new AuditFilters(connections, context.query, () => void load(true));

  const open = async (seq: number) => {
    replaceChildren(detail, loadingState(`event #${seq}`));
    detail.hidden = false;
    try {
      replaceChildren(detail, auditEventDetail(await api.get<AuditEvent>(`/v1/audit/events/${seq}`), connectionName));
      detail.querySelector<HTMLElement>('h2')?.focus();
    } catch (error) {
      replaceChildren(detail, errorState(error));
    }
  };

  const draw = () => {
    replaceChildren(
      list,
      events.length === 0
        ? emptyState('No audit events match', 'Widen the time range or clear a filter.')
        : dataTable(
            'Audit events, newest first',
            [
              { header: 'When', cell: (e) => formatTime(e.occurredAt), className: 'nowrap' },
              { header: 'Actor', cell: (e) => e.actor },
              { header: 'Action', cell: (e) => h('code', {}, e.action) },
              { header: 'Connection', cell: (e) => connectionName(e.connectionId) },
              { header: 'Outcome', cell: (e) => statusBadge(e.outcome) },
              { header: 'Status', cell: (e) => e.status ?? '—' },
              { header: 'Duration', cell: (e) => formatMs(e.durationMs), className: 'numeric' },
              {
                header: 'Event',
                cell: (e) =>
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'button-small',
                      'aria-label': `Open event ${e.seq}`,
                      onclick: () => void open(e.seq),
                    },
                    `#${e.seq}`,
                  ),
              },
            ],
            events,
            (e) => ({ 'data-action': e.action, 'data-outcome': e.outcome }),
          ),
    );
    more.hidden = cursor === null;
    count.textContent = `${events.length} event${events.length === 1 ? '' : 's'} shown${cursor ? ', more available' : ''}.`;
  };

  const load = async (fresh: boolean) => {
    const query = filters.read();
    if (fresh) {
      events = [];
      cursor = null;
      replaceChildren(list, loadingState('audit events'));
      const url = new URLSearchParams();
      for (const name of FILTER_NAMES) if (query[name]) url.set(name, String(query[name]));
      history.replaceState(null, '', consolePath(`audit${url.size ? `?${url}` : ''}`));
    }
    try {
      const page = await api.get<AuditEventPage>(
        '/v1/audit/events',
        { ...query, limit: PAGE_SIZE, cursor: fresh ? undefined : (cursor ?? undefined) },
        signal,
      );
      events = [...events, ...page.data];
      cursor = page.cursor;
      draw();
    } catch (error) {
      replaceChildren(list, errorState(error));
      count.textContent = '';
    }
  };

  more.addEventListener('click', () => void load(false));
  void load(true);
  return h(
    'div',
    {},
    filters.element,
    auditTools(api, () => filters.read(), announce),
    count,
    h('div', { class: 'columns columns-wide-left' }, h('div', {}, list, more), detail),
  );
}
