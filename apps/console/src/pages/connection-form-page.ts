import type { AdapterKind } from '../api/hub-types';
import { connectionForm } from '../connections/connection-form';
import { h, replaceChildren } from '../dom/element';
import type { Page } from '../shell/page';
import { consolePath } from '../shell/router';
import { emptyState, errorState, loadingState } from '../ui/states';

export const connectionFormPage: Page = {
  title: 'New connection',
  render({ api, signal, navigate, announce }) {
    const body = h('div', {}, loadingState('adapter kinds'));
    api
      .get<AdapterKind[]>('/v1/adapters', undefined, signal)
      .then((adapters) =>
        replaceChildren(
          body,
          adapters.length === 0
            ? emptyState('No adapters installed', 'A connection needs an adapter kind; none is installed in this hub.')
            : connectionForm({
                api,
                adapters,
                onSaved: (connection) => {
                  announce(`Connection ${connection.name} created.`);
                  navigate(consolePath(`connections/${connection.id}`));
                },
              }),
        ),
      )
      .catch((error: unknown) => replaceChildren(body, errorState(error)));
    return h(
      'div',
      { class: 'page' },
      h('p', { class: 'crumbs' }, h('a', { href: consolePath('connections'), 'data-link': true }, 'Connections')),
      h('h1', {}, 'New connection'),
      body,
    );
  },
};
