import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import {
  CONTRACT_POLICY,
  CONTRACT_SCOPE,
  describeReadCacheDriverContract,
  liveCacheOver,
} from './read-cache-driver.contract';
import { RedisReadCacheDriver } from './redis-read-cache.driver';

const REDIS_URL = 'redis://127.0.0.1:6379';

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
    const cache = liveCacheOver(driver);
    let loads = 0;
    const started = performance.now();
    for (let i = 0; i < 3; i += 1) {
      const answer = await cache.read(CONTRACT_SCOPE, { q: 1 }, CONTRACT_POLICY, async () => ++loads);
      expect(answer.outcome).toBe('miss');
    }
    expect(loads).toBe(3);
    expect(performance.now() - started).toBeLessThan(500);
    await driver.close();
  });
});
