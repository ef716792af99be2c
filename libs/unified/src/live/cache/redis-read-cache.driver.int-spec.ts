import type { EffectiveReadCache } from '@trestle/connectors';
import { OutboundCallEvents, type ConnectionGateway } from '@trestle/connectors';
import { MetricsService } from '@trestle/observability';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { LiveCacheMetrics } from './live-cache-metrics';
import { LiveReadCache } from './live-read-cache';
import { RedisReadCacheDriver } from './redis-read-cache.driver';

const REDIS_URL = 'redis://127.0.0.1:6379';
const POLICY: EffectiveReadCache = {
  ttlMs: 60_000,
  staleWhileRevalidateMs: 0,
  maxEntries: 100,
  shareAcrossCallers: false,
};
const SCOPE = { tenantId: 'acme', connectionId: 'c1', entity: 'customer' };

describe('RedisReadCacheDriver (real Redis)', () => {
  const prefix = `trestle-test-cache-${randomBytes(6).toString('hex')}`;
  const admin = new IORedis(REDIS_URL);
  const drivers: RedisReadCacheDriver[] = [];
  const driver = async () => {
    const created = new RedisReadCacheDriver({ url: REDIS_URL, cluster: false }, prefix);
    drivers.push(created);
    await created.connected();
    return created;
  };

  afterAll(async () => {
    await Promise.all(drivers.map((d) => d.close()));
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it('shares entries between processes and drops them everywhere on invalidation', async () => {
    const here = await driver();
    const there = await driver();
    const before = await here.get(SCOPE, 'page-1');
    expect(before.entry).toBeUndefined();
    await here.set(SCOPE, before.generation, 'page-1', { storedAt: Date.now(), value: { n: 1 } }, POLICY);
    expect((await there.get(SCOPE, 'page-1')).entry?.value).toEqual({ n: 1 });

    await there.invalidate(SCOPE);
    expect((await here.get(SCOPE, 'page-1')).entry).toBeUndefined();
    // a load that began before the write stores under the old generation: never seen again
    await here.set(SCOPE, before.generation, 'page-1', { storedAt: Date.now(), value: { n: 'old' } }, POLICY);
    expect((await there.get(SCOPE, 'page-1')).entry).toBeUndefined();
    expect((await there.get({ ...SCOPE, entity: 'contact' }, 'page-1')).generation).toBe('0');
  });

  it('keeps tenants and connections apart', async () => {
    const cache = await driver();
    const lookup = await cache.get(SCOPE, 'same');
    await cache.set(SCOPE, lookup.generation, 'same', { storedAt: Date.now(), value: 'acme' }, POLICY);
    expect((await cache.get({ ...SCOPE, tenantId: 'globex' }, 'same')).entry).toBeUndefined();
    expect((await cache.get({ ...SCOPE, connectionId: 'c2' }, 'same')).entry).toBeUndefined();
  });

  it('keeps at most maxEntries per connection, dropping the oldest', async () => {
    const cache = await driver();
    const scope = { ...SCOPE, connectionId: 'bounded' };
    const { generation } = await cache.get(scope, 'k0');
    const started = Date.now();
    for (let i = 0; i < 5; i += 1) {
      await cache.set(scope, generation, `k${i}`, { storedAt: started + i, value: i }, { ...POLICY, maxEntries: 3 });
    }
    const present = await Promise.all([0, 1, 2, 3, 4].map(async (i) => (await cache.get(scope, `k${i}`)).entry?.value));
    expect(present).toEqual([undefined, undefined, 2, 3, 4]);
  });

  it('expires entries after TTL plus the stale window', async () => {
    const cache = await driver();
    const scope = { ...SCOPE, connectionId: 'expiring' };
    const { generation } = await cache.get(scope, 'k');
    await cache.set(
      scope,
      generation,
      'k',
      { storedAt: Date.now(), value: 1 },
      { ...POLICY, ttlMs: 80, staleWhileRevalidateMs: 40 },
    );
    expect((await cache.get(scope, 'k')).entry).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 180));
    expect((await cache.get(scope, 'k')).entry).toBeUndefined();
  });

  it('makes one load for 100 identical concurrent reads, and another process then hits', async () => {
    const cache = (d: RedisReadCacheDriver) =>
      new LiveReadCache(
        d,
        new LiveCacheMetrics(new MetricsService()),
        new OutboundCallEvents(),
        {} as ConnectionGateway,
      );
    const here = cache(await driver());
    const there = cache(await driver());
    const scope = { ...SCOPE, connectionId: 'coalesced' };
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { page: 1 };
    };
    const answers = await Promise.all(Array.from({ length: 100 }, () => here.read(scope, { q: 1 }, POLICY, load)));
    expect(loads).toBe(1);
    expect(answers.filter((a) => a.outcome === 'miss')).toHaveLength(1);
    expect(answers.every((a) => (a.value as { page: number }).page === 1)).toBe(true);
    const elsewhere = await there.read(scope, { q: 1 }, POLICY, load);
    expect(elsewhere.outcome).toBe('hit');
    expect(loads).toBe(1);
  });
});

describe('LiveReadCache over an unreachable Redis', () => {
  it('reads through to the system at once, uncached, instead of waiting for Redis', async () => {
    const driver = new RedisReadCacheDriver({ url: 'redis://127.0.0.1:1', cluster: false }, 'trestle-test-down');
    const cache = new LiveReadCache(
      driver,
      new LiveCacheMetrics(new MetricsService()),
      new OutboundCallEvents(),
      {} as ConnectionGateway,
    );
    let loads = 0;
    const started = performance.now();
    for (let i = 0; i < 3; i += 1) {
      const answer = await cache.read(SCOPE, { q: 1 }, POLICY, async () => ++loads);
      expect(answer.outcome).toBe('miss');
    }
    expect(loads).toBe(3);
    expect(performance.now() - started).toBeLessThan(500);
    await driver.close();
  });
});
