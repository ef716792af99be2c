import type { EffectiveReadCache } from '@trestle/connectors';
import { OutboundCallEvents, type ConnectionGateway } from '@trestle/connectors';
import { MetricsService } from '@trestle/observability';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { LiveCacheMetrics } from './live-cache-metrics';
import { LiveReadCache } from './live-read-cache';
import { describeReadCacheDriverContract } from './read-cache-driver.contract';
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

  describeReadCacheDriverContract(driver);
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
