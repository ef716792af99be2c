import { h, replaceChildren } from '../dom/element';
import { consolePath } from './router';

export const NAV_ITEMS: { path: string; label: string }[] = [
  { path: '', label: 'Overview' },
  { path: 'connections', label: 'Connections' },
  { path: 'adapters', label: 'Adapters' },
  { path: 'syncs', label: 'Syncs' },
  { path: 'dead-letters', label: 'Dead letters' },
  { path: 'audit', label: 'Audit log' },
  { path: 'inference', label: 'Inference' },
];

/** The frame around every page: skip link, banner, navigation, main landmark and a live region. */
export class AppShell {
  readonly main = h('main', { id: 'main', tabindex: -1 });
  private readonly live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'live' });
  private readonly toast = h('div', { class: 'toast', 'aria-hidden': 'true' });
  private readonly nav = h('nav', { 'aria-label': 'Main' });
  private readonly userArea = h('div', { class: 'user-area' });
  private toastTimer?: number;

  constructor(root: HTMLElement) {
    replaceChildren(
      root,
      h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
      h(
        'header',
        { class: 'banner' },
        h('a', { class: 'brand', href: consolePath(''), 'data-link': true }, 'Trestle', h('span', {}, 'console')),
        this.userArea,
      ),
      h('div', { class: 'layout' }, this.nav, this.main),
      this.live,
      this.toast,
    );
  }

  showNavigation(signedIn: boolean, credentialKind: string | null, onSignOut: () => void): void {
    replaceChildren(
      this.nav,
      signedIn
        ? h(
            'ul',
            {},
            NAV_ITEMS.map((item) =>
              h('li', {}, h('a', { href: consolePath(item.path), 'data-link': true }, item.label)),
            ),
          )
        : null,
    );
    replaceChildren(
      this.userArea,
      signedIn
        ? [
            h('span', { class: 'credential-kind' }, credentialKind === 'api-key' ? 'API key' : 'Bearer token'),
            h('button', { type: 'button', class: 'button-quiet', onclick: onSignOut }, 'Sign out'),
          ]
        : null,
    );
    this.nav.hidden = !signedIn;
  }

  markCurrent(pathname: string): void {
    for (const link of this.nav.querySelectorAll('a')) {
      const href = link.getAttribute('href') ?? '';
      const current =
        href === consolePath('') ? pathname === href || pathname === `${href}/` : pathname.startsWith(href);
      if (current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  announce(message: string): void {
    this.live.textContent = '';
    window.setTimeout(() => (this.live.textContent = message), 50);
    this.toast.textContent = message;
    this.toast.classList.add('toast-visible');
    window.clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => this.toast.classList.remove('toast-visible'), 4000);
  }
}
