import { ApiClient } from './api/api-client';
import { SessionStore } from './api/session-store';
import { adaptersPage } from './pages/adapters-page';
import { auditPage } from './pages/audit-page';
import { connectionFormPage } from './pages/connection-form-page';
import { connectionPage } from './pages/connection-page';
import { connectionsPage } from './pages/connections-page';
import { deadLettersPage } from './pages/dead-letters-page';
import { inferencePage } from './pages/inference-page';
import { notFoundPage } from './pages/not-found-page';
import { overviewPage } from './pages/overview-page';
import { signInPage } from './pages/sign-in-page';
import { syncsPage } from './pages/syncs-page';
import { AppShell } from './shell/app-shell';
import type { Page } from './shell/page';
import { BASE, consolePath, matchRoute, type Route } from './shell/router';

const ROUTES: Route<Page>[] = [
  { pattern: '', target: overviewPage },
  { pattern: 'sign-in', target: signInPage },
  { pattern: 'connections', target: connectionsPage },
  { pattern: 'connections/new', target: connectionFormPage },
  { pattern: 'connections/:id', target: connectionPage },
  { pattern: 'adapters', target: adaptersPage },
  { pattern: 'syncs', target: syncsPage },
  { pattern: 'dead-letters', target: deadLettersPage },
  { pattern: 'audit', target: auditPage },
  { pattern: 'inference', target: inferencePage },
];

const session = new SessionStore();
const shell = new AppShell(document.getElementById('app') as HTMLElement);
const api = new ApiClient(
  () => session.credential,
  () => {
    session.signOut();
    navigate(consolePath('sign-in?expired=1'));
  },
);
let leavePage = new AbortController();

function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render(true);
}

function signOut(): void {
  session.signOut();
  shell.announce('Signed out.');
  navigate(consolePath('sign-in'));
}

function render(moveFocus: boolean): void {
  leavePage.abort();
  leavePage = new AbortController();
  const url = new URL(location.href);
  const signedIn = session.credential !== null;
  const match = matchRoute(ROUTES, url.pathname);
  if (!signedIn && match?.target !== signInPage) {
    const back = url.pathname + url.search;
    history.replaceState(null, '', consolePath(`sign-in?next=${encodeURIComponent(back)}`));
    return render(moveFocus);
  }
  const page = match?.target ?? notFoundPage;
  shell.showNavigation(signedIn, session.kind, signOut);
  shell.markCurrent(url.pathname);
  document.title = `${page.title} · Trestle console`;
  const context = {
    api,
    params: match?.params ?? {},
    query: url.searchParams,
    signal: leavePage.signal,
    navigate: (path: string) => navigate(path),
    announce: (message: string) => shell.announce(message),
    session,
  };
  shell.main.replaceChildren(page.render(context));
  if (moveFocus) shell.main.focus();
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest('a[data-link]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const href = link.getAttribute('href');
  if (!href?.startsWith(BASE)) return;
  event.preventDefault();
  navigate(href);
});
window.addEventListener('popstate', () => render(true));
window.addEventListener('trestle:signed-in', () => {
  const next = new URL(location.href).searchParams.get('next');
  navigate(next?.startsWith(BASE) ? next : consolePath(''), true);
});
render(false);
