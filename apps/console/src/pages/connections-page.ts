import type { Connection } from '../api/hub-types';
import { checkHealth } from '../connections/health-check';
import { h, replaceChildren } from '../dom/element';
import type { Page } from '../shell/page';
import { consolePath } from '../shell/router';
import { breakerBadge } from '../ui/badge';
import { dataTable } from '../ui/data-table';
import { emptyState, errorState, loadingState } from '../ui/states';

export const connectionsPage: Page = {
  title: 'Connections',
  render({ api, signal, announce }) {
    const body = h('div', {}, loadingState('connections'));
    const checkAll = h('button', { type: 'button', class: 'button-secondary', disabled: true }, 'Check health of all');
    const healthCells = new Map<string, HTMLElement>();

    async function checkEvery(connections: Connection[]): Promise<void> {
      checkAll.disabled = true;
      const results = await Promise.all(
        connections.map((connection) => checkHealth(api, connection.id, healthCells.get(connection.id)!)),
      );
      checkAll.disabled = false;
      if (signal.aborted) return;
      const healthy = results.filter(Boolean).length;
      announce(`Health checked: ${healthy} of ${results.length} connections healthy.`);
    }

    api
      .get<Connection[]>('/v1/connections', undefined, signal)
      .then((connections) => {
        if (connections.length === 0) {
          replaceChildren(
            body,
            emptyState(
              'No connections yet',
              'A connection is one legacy system: an adapter kind, settings, credentials and a connector definition.',
              h(
                'a',
                { href: consolePath('connections/new'), 'data-link': true, class: 'button' },
                'Create a connection',
              ),
            ),
          );
          return;
        }
        for (const connection of connections) healthCells.set(connection.id, h('span', { class: 'health-cell' }));
        replaceChildren(
          body,
          dataTable(
            'Connections',
            [
              {
                header: 'Name',
                cell: (c) => h('a', { href: consolePath(`connections/${c.id}`), 'data-link': true }, c.name),
              },
              { header: 'Adapter', cell: (c) => h('code', {}, c.adapter) },
              { header: 'Definition', cell: (c) => `${c.definition.name} v${c.definition.version}` },
              { header: 'Entities', cell: (c) => c.definition.entities.join(', ') || '—' },
              { header: 'Breaker', cell: (c) => breakerBadge(c.breaker) },
              { header: 'Health', cell: (c) => healthCells.get(c.id)! },
              {
                header: 'Actions',
                cell: (c) =>
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'button-small',
                      'aria-label': `Test ${c.name}`,
                      onclick: async () => {
                        const ok = await checkHealth(api, c.id, healthCells.get(c.id)!);
                        announce(`${c.name}: ${ok ? 'healthy' : 'failing'}.`);
                      },
                    },
                    'Test',
                  ),
              },
            ],
            connections,
            (c) => ({ 'data-connection': c.name }),
          ),
        );
        checkAll.onclick = () => void checkEvery(connections);
        void checkEvery(connections);
      })
      .catch((error: unknown) => replaceChildren(body, errorState(error)));

    return h(
      'div',
      { class: 'page' },
      h(
        'div',
        { class: 'page-header' },
        h('h1', {}, 'Connections'),
        h(
          'div',
          { class: 'actions' },
          checkAll,
          h('a', { href: consolePath('connections/new'), 'data-link': true, class: 'button' }, 'New connection'),
        ),
      ),
      body,
    );
  },
};
