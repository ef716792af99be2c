import type { ApiClient } from '../api/api-client';
import type { SessionStore } from '../api/session-store';

export interface PageContext {
  api: ApiClient;
  session: SessionStore;
  /** Path parameters of the matched route, e.g. `id`. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Aborted when the operator leaves the page: stop polling and ignore late answers. */
  signal: AbortSignal;
  navigate(path: string): void;
  /** Reads a short message out to screen readers (and shows it briefly). */
  announce(message: string): void;
}

export interface Page {
  title: string;
  render(context: PageContext): HTMLElement;
}
