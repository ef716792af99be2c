import type { EffectiveReadCache } from '@trestle/connectors';
import { LRUCache } from 'lru-cache';
import type { CachedEntry, CacheLookup, CacheScope, ReadCacheDriver } from './read-cache.driver';

interface ConnectionEntries {
  maxEntries: number;
  entries: LRUCache<string, CachedEntry>;
}

/** Cached live reads in this process: one LRU per connection, bounded by its maxEntries, expired by TTL + stale window. */
export class MemoryReadCacheDriver implements ReadCacheDriver {
  readonly name = 'memory';
  private readonly connections = new Map<string, ConnectionEntries>();
  private readonly generations = new Map<string, number>();

  async get(scope: CacheScope, key: string): Promise<CacheLookup> {
    const generation = String(this.generations.get(scopeKey(scope)) ?? 0);
    const entry = this.connections.get(connectionKey(scope))?.entries.get(entryKey(scope, generation, key));
    return { generation, entry };
  }

  async set(
    scope: CacheScope,
    generation: string,
    key: string,
    entry: CachedEntry,
    policy: EffectiveReadCache,
  ): Promise<void> {
    if (generation !== String(this.generations.get(scopeKey(scope)) ?? 0)) return;
    this.entriesOf(scope, policy).set(entryKey(scope, generation, key), entry, {
      ttl: policy.ttlMs + policy.staleWhileRevalidateMs,
      start: entry.storedAt,
    });
  }

  async invalidate(scope: CacheScope): Promise<void> {
    const key = scopeKey(scope);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    const entries = this.connections.get(connectionKey(scope))?.entries;
    if (!entries) return;
    const prefix = `${scope.entity}\u0000`;
    for (const cached of [...entries.keys()]) if (cached.startsWith(prefix)) entries.delete(cached);
  }

  async close(): Promise<void> {
    this.connections.clear();
  }

  private entriesOf(scope: CacheScope, policy: EffectiveReadCache): LRUCache<string, CachedEntry> {
    const key = connectionKey(scope);
    let current = this.connections.get(key);
    if (!current || current.maxEntries !== policy.maxEntries) {
      current = {
        maxEntries: policy.maxEntries,
        entries: new LRUCache<string, CachedEntry>({ max: policy.maxEntries, ttl: 1, perf: Date }),
      };
      this.connections.set(key, current);
    }
    return current.entries;
  }
}

function connectionKey(scope: CacheScope): string {
  return `${scope.tenantId}\u0000${scope.connectionId}`;
}

function scopeKey(scope: CacheScope): string {
  return `${connectionKey(scope)}\u0000${scope.entity}`;
}

function entryKey(scope: CacheScope, generation: string, key: string): string {
  return `${scope.entity}\u0000${generation}\u0000${key}`;
}
