import type { EffectiveReadCache } from '@trestle/connectors';

/** Where cached live reads of one connection entity live: everything a write to it drops at once. */
export interface CacheScope {
  tenantId: string;
  connectionId: string;
  entity: string;
}

export interface CachedEntry {
  /** Epoch ms when the answer came from the legacy system. */
  storedAt: number;
  value: unknown;
}

export interface CacheLookup {
  /** The scope's generation the lookup saw; an answer loaded after it is stored under it. */
  generation: string;
  entry?: CachedEntry;
}

/**
 * Storage of cached live reads. Keys are versioned by a generation per scope: invalidating bumps
 * it, so entries written before (or loaded from a read that began before) are never seen again.
 */
export interface ReadCacheDriver {
  readonly name: 'memory' | 'redis';
  get(scope: CacheScope, key: string): Promise<CacheLookup>;
  set(
    scope: CacheScope,
    generation: string,
    key: string,
    entry: CachedEntry,
    policy: EffectiveReadCache,
  ): Promise<void>;
  invalidate(scope: CacheScope): Promise<void>;
  close(): Promise<void>;
}

export const READ_CACHE_DRIVER = Symbol('READ_CACHE_DRIVER');
