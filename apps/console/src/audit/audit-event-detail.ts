import type { AuditEvent } from '../api/hub-types';
import { h } from '../dom/element';
import { jsonView } from '../ui/json-view';
import { formatMs, formatTime } from '../ui/time-format';

export function auditEventDetail(event: AuditEvent, connectionName: (id: string | null) => string): HTMLElement[] {
  const row = (term: string, value: Node | string) => [h('dt', {}, term), h('dd', {}, value)];
  return [
    h('h2', { id: 'audit-event-title', tabindex: -1 }, `Event #${event.seq}`),
    h(
      'dl',
      { class: 'summary' },
      row('When', formatTime(event.occurredAt)),
      row('Actor', event.actor),
      row('Action', h('code', {}, event.action)),
      row('Resource', h('code', {}, event.resource)),
      row('Connection', connectionName(event.connectionId)),
      row('Outcome', `${event.outcome} (${event.status ?? '—'})`),
      row('Duration', formatMs(event.durationMs)),
      row('Request id', event.requestId ?? '—'),
      row('Request hash', h('code', { class: 'hash' }, event.requestHash ?? '—')),
      row('Response hash', h('code', { class: 'hash' }, event.responseHash ?? '—')),
      row('Chain link', h('code', { class: 'hash' }, event.hash)),
    ),
    event.details ? jsonView('Details', event.details) : h('span'),
    event.bodies ? jsonView('Bodies (redacted)', event.bodies) : h('span'),
  ];
}
