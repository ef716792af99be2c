import type { ConnectionGateway, EffectiveReadCache, OutboundCall } from '@trestle/connectors';
import { OutboundCallEvents } from '@trestle/connectors';
import { MetricsService } from '@trestle/observability';
import { LiveCacheMetrics } from './live-cache-metrics';
import { LiveReadCache } from './live-read-cache';
import { MemoryReadCacheDriver } from './memory-read-cache.driver';

const POLICY: EffectiveReadCache = {
  ttlMs: 1000,
  staleWhileRevalidateMs: 0,
  maxEntries: 10,
  shareAcrossCallers: false,
};
const SCOPE = { tenantId: 'acme', connectionId: 'c1', entity: 'customer' };

describe('LiveReadCache (in-memory driver)', () => {
  let events: OutboundCallEvents;
  let cache: LiveReadCache;
  const gateway = {
    profile: async () => ({ definition: { entities: { customer: {}, contact: {} } }, version: 1 }),
  } as unknown as ConnectionGateway;

  beforeEach(() => {
    events = new OutboundCallEvents();
    cache = new LiveReadCache(new MemoryReadCacheDriver(), new LiveCacheMetrics(new MetricsService()), events, gateway);
    cache.onModuleInit();
  });

  afterEach(() => cache.onApplicationShutdown());

  const deferred = <T>() => {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };

  it("never answers one tenant's read from another tenant's entry", async () => {
    expect((await cache.read(SCOPE, { page: 1 }, POLICY, async () => 'acme page')).value).toBe('acme page');
    const other = await cache.read({ ...SCOPE, tenantId: 'globex' }, { page: 1 }, POLICY, async () => 'globex page');
    expect(other).toMatchObject({ outcome: 'miss', value: 'globex page' });
    expect((await cache.read(SCOPE, { page: 1 }, POLICY, async () => 'again')).value).toBe('acme page');
  });

  it('does not store what a load read before a write finished, nor let later reads join it', async () => {
    const slow = deferred<string>();
    const before = cache.read(SCOPE, { page: 1 }, POLICY, () => slow.promise);
    events.emit({ tenantId: 'acme', connectionId: 'c1', operation: 'update', entity: 'customer' } as OutboundCall);
    const after = cache.read(SCOPE, { page: 1 }, POLICY, async () => 'after the write');
    slow.resolve('before the write');
    expect((await before).value).toBe('before the write');
    expect(await after).toMatchObject({ outcome: 'miss', value: 'after the write' });
    expect((await cache.read(SCOPE, { page: 1 }, POLICY, async () => 'x')).value).toBe('after the write');
  });

  it('shares a failure with the reads that waited for it, and caches nothing', async () => {
    const failing = deferred<string>();
    const reads = [1, 2, 3].map(() => cache.read(SCOPE, { page: 2 }, POLICY, () => failing.promise));
    failing.reject(new Error('system down'));
    for (const read of reads) await expect(read).rejects.toThrow('system down');
    expect(await cache.read(SCOPE, { page: 2 }, POLICY, async () => 'recovered')).toMatchObject({ outcome: 'miss' });
  });

  it('drops every entity of a connection after a passthrough call', async () => {
    await cache.read(SCOPE, { page: 1 }, POLICY, async () => 'customers');
    await cache.read({ ...SCOPE, entity: 'contact' }, { page: 1 }, POLICY, async () => 'contacts');
    events.emit({ tenantId: 'acme', connectionId: 'c1', operation: 'passthrough' } as OutboundCall);
    expect((await cache.read(SCOPE, { page: 1 }, POLICY, async () => 'fresh')).outcome).toBe('miss');
    expect((await cache.read({ ...SCOPE, entity: 'contact' }, { page: 1 }, POLICY, async () => 'fresh')).outcome).toBe(
      'miss',
    );
  });

  it('keeps at most maxEntries per connection', async () => {
    const policy = { ...POLICY, maxEntries: 2 };
    for (const page of [1, 2, 3]) await cache.read(SCOPE, { page }, policy, async () => page);
    expect((await cache.read(SCOPE, { page: 1 }, policy, async () => 'reloaded')).outcome).toBe('miss');
    expect((await cache.read(SCOPE, { page: 3 }, policy, async () => 'reloaded')).outcome).toBe('hit');
  });
});
