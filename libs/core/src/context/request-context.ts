import { AsyncLocalStorage } from 'node:async_hooks';

/** Facts about the call being served, visible to everything it triggers (adapter calls, audit). */
export interface RequestContextStore {
  requestId: string;
  /** Set once the caller is authenticated: `api-key:<id>`, `user:<sub>`. */
  actor?: string;
  tenantId?: string;
  /** Outcomes of the live read cache for this call (hit, stale, miss, coalesced), with the answer's age. */
  liveCache?: { outcome: string; ageMs: number }[];
}

const storage = new AsyncLocalStorage<RequestContextStore>();

export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
};
