import type { EffectiveReadCache } from '@trestle/connectors';
import { createRedisClient, RedisClient, RedisTarget } from '@trestle/core';
import type { CachedEntry, CacheLookup, CacheScope, ReadCacheDriver } from './read-cache.driver';

/**
 * Reads the scope's generation and the entry under it in one round trip. The entry key cannot be
 * declared before the generation is read; it shares KEYS[1]'s hash slot, which a cluster allows.
 */
const LOOKUP = `
local generation = redis.call('GET', KEYS[1]) or '0'
return { generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2]) }
`;

/** Stores an entry, indexes it per connection by time and drops the oldest beyond maxEntries. */
const STORE = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[2]))
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if over > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, over - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1)
  redis.call('DEL', unpack(oldest))
end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return over
`;

type ScriptedRedis = RedisClient & {
  readCacheLookup(generationKey: string, entryPrefix: string, key: string): Promise<[string, string | null]>;
  readCacheStore(
    entryKey: string,
    indexKey: string,
    value: string,
    px: number,
    now: number,
    max: number,
  ): Promise<number>;
};

/**
 * Cached live reads shared by every hub process on one Redis. Invalidation bumps the scope's
 * generation in Redis, so it applies to every process from its next lookup; all keys of a
 * connection share one hash slot. Concurrent identical reads are coalesced per process (see
 * LiveReadCache), not across processes.
 */
export class RedisReadCacheDriver implements ReadCacheDriver {
  readonly name = 'redis';
  private readonly redis: ScriptedRedis;

  constructor(
    redis: RedisTarget,
    private readonly prefix: string,
  ) {
    // while Redis is away, commands fail at once (the read goes to the system uncached) instead of queueing
    this.redis = createRedisClient(redis, { enableOfflineQueue: false, maxRetriesPerRequest: 0 }) as ScriptedRedis;
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('readCacheLookup', { numberOfKeys: 1, lua: LOOKUP });
    this.redis.defineCommand('readCacheStore', { numberOfKeys: 2, lua: STORE });
  }

  /** Resolves once Redis answers, or after `waitMs`; until then lookups fail at once (reads go uncached). */
  connected(waitMs = 2000): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async get(scope: CacheScope, key: string): Promise<CacheLookup> {
    const [generation, raw] = await this.redis.readCacheLookup(this.generationKey(scope), this.entryPrefix(scope), key);
    return { generation, entry: raw ? (JSON.parse(raw) as CachedEntry) : undefined };
  }

  async set(
    scope: CacheScope,
    generation: string,
    key: string,
    entry: CachedEntry,
    policy: EffectiveReadCache,
  ): Promise<void> {
    await this.redis.readCacheStore(
      `${this.entryPrefix(scope)}${generation}:${key}`,
      `${this.connectionPrefix(scope)}index`,
      JSON.stringify(entry),
      policy.ttlMs + policy.staleWhileRevalidateMs,
      entry.storedAt,
      policy.maxEntries,
    );
  }

  async invalidate(scope: CacheScope): Promise<void> {
    await this.redis.incr(this.generationKey(scope));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private connectionPrefix(scope: CacheScope): string {
    return `${this.prefix}:{${scope.tenantId}:${scope.connectionId}}:`;
  }

  private generationKey(scope: CacheScope): string {
    return `${this.connectionPrefix(scope)}${scope.entity}:generation`;
  }

  private entryPrefix(scope: CacheScope): string {
    return `${this.connectionPrefix(scope)}${scope.entity}:`;
  }
}
