import type { AdapterKind, Connection } from '../api/hub-types';
import { describeError } from '../api/problem';
import { connectionForm } from '../connections/connection-form';
import { checkHealth } from '../connections/health-check';
import { h, replaceChildren } from '../dom/element';
import type { Page, PageContext } from '../shell/page';
import { consolePath } from '../shell/router';
import { breakerBadge } from '../ui/badge';
import { jsonView } from '../ui/json-view';
import { errorState, loadingState } from '../ui/states';
import { formatTime } from '../ui/time-format';

export const connectionPage: Page = {
  title: 'Connection',
  render(context) {
    const { api, params, signal } = context;
    const body = h('div', {}, loadingState('the connection'));
    Promise.all([
      api.get<Connection>(`/v1/connections/${params.id}`, undefined, signal),
      api.get<AdapterKind[]>('/v1/adapters', undefined, signal).catch(() => [] as AdapterKind[]),
    ])
      .then(([connection, adapters]) => replaceChildren(body, connectionView(context, connection, adapters)))
      .catch((error: unknown) => replaceChildren(body, errorState(error)));
    return h(
      'div',
      { class: 'page' },
      h('p', { class: 'crumbs' }, h('a', { href: consolePath('connections'), 'data-link': true }, 'Connections')),
      body,
    );
  },
};

function connectionView(context: PageContext, connection: Connection, adapters: AdapterKind[]): HTMLElement {
  const { api, announce, navigate } = context;
  const health = h('div', { class: 'health-result', 'aria-live': 'polite', id: 'health-result' });
  const test = h('button', { type: 'button' }, 'Test connection');
  test.addEventListener('click', async () => {
    test.disabled = true;
    const ok = await checkHealth(api, connection.id, health);
    test.disabled = false;
    announce(`${connection.name}: ${ok ? 'healthy' : 'failing'}.`);
  });
  const remove = h('button', { type: 'button', class: 'button-danger' }, 'Delete connection');
  remove.addEventListener('click', async () => {
    if (!window.confirm(`Delete the connection ${connection.name}? Its stored credentials are destroyed.`)) return;
    try {
      await api.delete(`/v1/connections/${connection.id}`);
      announce(`Connection ${connection.name} deleted.`);
      navigate(consolePath('connections'));
    } catch (error) {
      announce(describeError(error));
    }
  });
  const link = (path: string, text: string) => h('a', { href: consolePath(path), 'data-link': true }, text);

  return h(
    'div',
    {},
    h(
      'div',
      { class: 'page-header' },
      h('h1', {}, connection.name, ' ', breakerBadge(connection.breaker)),
      h('div', { class: 'actions' }, test, remove),
    ),
    health,
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'summary-title' },
        h('h2', { id: 'summary-title' }, 'Summary'),
        h(
          'dl',
          { class: 'summary' },
          h('dt', {}, 'Adapter'),
          h('dd', {}, h('code', {}, connection.adapter)),
          h('dt', {}, 'Definition'),
          h('dd', {}, `${connection.definition.name} v${connection.definition.version}`),
          h('dt', {}, 'Entities'),
          h('dd', {}, connection.definition.entities.join(', ') || '—'),
          h('dt', {}, 'Passthrough'),
          h('dd', {}, connection.definition.passthrough.join(', ') || '—'),
          h('dt', {}, 'Credentials stored'),
          h('dd', { id: 'credentials-set' }, connection.credentialsSet.join(', ') || 'none'),
          h('dt', {}, 'Updated'),
          h('dd', {}, `${formatTime(connection.updatedAt)} (version ${connection.version})`),
        ),
        jsonView('Settings', connection.settings),
        h(
          'p',
          { class: 'links' },
          link(`syncs?connection=${connection.id}`, 'Syncs'),
          link(`dead-letters?connectionId=${connection.id}`, 'Dead letters'),
          link(`audit?connectionId=${connection.id}`, 'Audit events'),
        ),
      ),
      connectionForm({
        api,
        adapters,
        existing: connection,
        onSaved: (saved) => {
          announce(`Connection ${saved.name} saved.`);
          navigate(consolePath(`connections/${saved.id}`));
        },
      }),
    ),
  );
}
