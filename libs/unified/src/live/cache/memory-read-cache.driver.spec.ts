import { MemoryReadCacheDriver } from './memory-read-cache.driver';
import { describeReadCacheDriverContract } from './read-cache-driver.contract';

describe('MemoryReadCacheDriver', () => {
  // the store is this process: every client is the one driver
  const driver = new MemoryReadCacheDriver();

  afterAll(() => driver.close());

  describeReadCacheDriverContract(async () => driver);
});
