import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import {
  expectCacheSharedAndDroppedOnWrite,
  HubsSharingReadCache,
  startHubsSharingReadCache,
} from '../harness/hubs-sharing-read-cache';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('read cache of mode=live shared through Redis by two hub processes', () => {
  const prefix = `trestle-test-${randomBytes(6).toString('hex')}`;
  let hubs: HubsSharingReadCache;

  beforeAll(async () => {
    hubs = await startHubsSharingReadCache({
      REDIS_URL,
      QUEUE_PREFIX: `${prefix}-queues`,
      READ_CACHE_PREFIX: `${prefix}:cache`,
    });
  }, 60_000);

  afterAll(async () => {
    await hubs?.close();
    const redis = new IORedis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }, 30_000);

  it('answers one hub from what the other cached, and a write through either drops it for both', () =>
    expectCacheSharedAndDroppedOnWrite(hubs));
});
