import type { Listing } from '../api/hub-types';
import { itemsOf } from '../api/hub-types';
import { ApiError } from '../api/problem';
import { h, replaceChildren } from '../dom/element';
import { driftPanel } from '../inference/drift-panel';
import type { Page, PageContext } from '../shell/page';
import { recordTable } from '../ui/record-table';
import { emptyState, errorState, loadingState, notEnabledState } from '../ui/states';

export const inferencePage: Page = {
  title: 'Inference',
  render(context) {
    return h(
      'div',
      { class: 'page' },
      h('h1', {}, 'Inference'),
      section(context, 'Models', '/v1/inference/models', 'No models registered.'),
      driftPanel(context),
      section(context, 'Recent decisions', '/v1/enrichments', 'No enrichments recorded yet.'),
      section(
        context,
        'Inference dead letters',
        '/v1/inference/dead-letters',
        'No record is waiting to be scored again.',
      ),
    );
  },
};

function section(context: PageContext, title: string, path: string, empty: string): HTMLElement {
  const id = `inference-${title.toLowerCase().replace(/\W+/g, '-')}`;
  const body = h('div', {}, loadingState(title.toLowerCase()));
  context.api
    .get<Listing<Record<string, unknown>>>(path, { limit: 50 }, context.signal)
    .then((listing) => {
      const records = itemsOf(listing);
      replaceChildren(body, records.length ? recordTable(title, records) : emptyState(`${title}: none`, empty));
    })
    .catch((error: unknown) =>
      replaceChildren(
        body,
        error instanceof ApiError && error.status === 404
          ? notEnabledState(
              'Inference',
              `This hub does not answer ${path}; models and decisions appear once the inference module is enabled.`,
            )
          : errorState(error),
      ),
    );
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), body);
}
