import type { AdapterKind, JsonSchemaObject } from '../api/hub-types';
import { h, replaceChildren } from '../dom/element';
import type { Page } from '../shell/page';
import { dataTable } from '../ui/data-table';
import { emptyState, errorState, loadingState } from '../ui/states';

export const adaptersPage: Page = {
  title: 'Adapters',
  render({ api, signal }) {
    const body = h('div', {}, loadingState('adapters'));
    api
      .get<AdapterKind[]>('/v1/adapters', undefined, signal)
      .then((kinds) =>
        replaceChildren(
          body,
          kinds.length === 0
            ? emptyState('No adapters installed', 'Add adapter plugins with ADAPTER_PLUGINS and restart the hub.')
            : dataTable(
                'Installed adapter kinds',
                [
                  { header: 'Kind', cell: (kind) => h('code', {}, kind.kind) },
                  { header: 'Name', cell: (kind) => kind.displayName ?? kind.kind },
                  { header: 'Description', cell: (kind) => kind.description ?? '' },
                  { header: 'Settings', cell: (kind) => schemaFields(kind.settingsSchema) },
                  { header: 'Credentials', cell: (kind) => schemaFields(kind.credentialsSchema) },
                ],
                kinds,
              ),
        ),
      )
      .catch((error: unknown) => replaceChildren(body, errorState(error)));
    return h('div', { class: 'page' }, h('h1', {}, 'Adapters installed'), body);
  },
};

function schemaFields(schema: JsonSchemaObject | undefined): HTMLElement | string {
  const names = Object.keys(schema?.properties ?? {});
  if (names.length === 0) return 'none';
  const required = new Set(schema?.required ?? []);
  return h(
    'ul',
    { class: 'inline-list' },
    names.map((name) =>
      h('li', {}, h('code', {}, name), required.has(name) ? h('span', { class: 'required' }, ' required') : null),
    ),
  );
}
