import { h } from '../dom/element';
import type { Page } from '../shell/page';
import { consolePath } from '../shell/router';
import { emptyState } from '../ui/states';

export const notFoundPage: Page = {
  title: 'Not found',
  render() {
    return h(
      'div',
      { class: 'page' },
      h('h1', {}, 'Page not found'),
      emptyState(
        'Nothing here',
        'This console page does not exist.',
        h('a', { href: consolePath(''), 'data-link': true }, 'Go to the overview'),
      ),
    );
  },
};
