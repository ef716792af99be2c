import type { Query } from '../api/api-client';
import type { Connection } from '../api/hub-types';
import { h } from '../dom/element';

export const FILTER_NAMES = ['from', 'to', 'actor', 'action', 'connectionId', 'outcome'] as const;

/** The audit filter form; `read()` gives the query the audit API expects (ISO instants, empty fields left out). */
export class AuditFilters {
  readonly element: HTMLFormElement;
  private readonly from = h('input', { id: 'audit-from', name: 'from', type: 'datetime-local', step: 1 });
  private readonly to = h('input', { id: 'audit-to', name: 'to', type: 'datetime-local', step: 1 });
  private readonly actor = h('input', { id: 'audit-actor', name: 'actor', placeholder: 'api-key:…' });
  private readonly action = h('input', {
    id: 'audit-action',
    name: 'action',
    placeholder: 'POST /v1/connections',
    list: 'audit-actions',
  });
  private readonly connection: HTMLSelectElement;
  private readonly outcome = h(
    'select',
    { id: 'audit-outcome', name: 'outcome' },
    h('option', { value: '' }, 'Any'),
    h('option', { value: 'success' }, 'Success'),
    h('option', { value: 'failure' }, 'Failure'),
  );

  constructor(connections: Connection[], initial: URLSearchParams, onApply: () => void) {
    this.connection = h(
      'select',
      { id: 'audit-connection', name: 'connectionId' },
      h('option', { value: '' }, 'Any'),
      connections.map((c) => h('option', { value: c.id }, c.name)),
    );
    this.from.value = toLocalInput(initial.get('from'));
    this.to.value = toLocalInput(initial.get('to'));
    this.actor.value = initial.get('actor') ?? '';
    this.action.value = initial.get('action') ?? '';
    this.connection.value = initial.get('connectionId') ?? '';
    this.outcome.value = initial.get('outcome') ?? '';
    const field = (control: HTMLInputElement | HTMLSelectElement, label: string) =>
      h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
    this.element = h(
      'form',
      { class: 'filters', 'aria-label': 'Filter audit events' },
      field(this.from, 'From'),
      field(this.to, 'To'),
      field(this.actor, 'Actor'),
      field(this.action, 'Action'),
      h(
        'datalist',
        { id: 'audit-actions' },
        [
          'POST /v1/connections',
          'POST /v1/connections/:id/test',
          'PATCH /v1/connections/:id',
          'adapter.check',
          'adapter.list',
        ].map((value) => h('option', { value })),
      ),
      field(this.connection, 'Connection'),
      field(this.outcome, 'Outcome'),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit' }, 'Apply filters'),
        h('button', { type: 'reset', class: 'button-quiet' }, 'Clear'),
      ),
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      onApply();
    });
    this.element.addEventListener('reset', () => window.setTimeout(onApply));
  }

  read(): Query {
    return {
      from: toIso(this.from.value),
      to: toIso(this.to.value),
      actor: this.actor.value.trim() || undefined,
      action: this.action.value.trim() || undefined,
      connectionId: this.connection.value || undefined,
      outcome: this.outcome.value || undefined,
    };
  }
}

function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}
