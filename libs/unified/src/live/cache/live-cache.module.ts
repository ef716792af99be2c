import { Module } from '@nestjs/common';
import { AppConfig } from '@trestle/core';
import { LiveCacheHeadersHook } from './live-cache-headers.hook';
import { LiveCacheMetrics } from './live-cache-metrics';
import { LiveReadCache } from './live-read-cache';
import { MemoryReadCacheDriver } from './memory-read-cache.driver';
import { READ_CACHE_DRIVER, ReadCacheDriver } from './read-cache.driver';
import { RedisReadCacheDriver } from './redis-read-cache.driver';

/** The read cache of `mode=live`: in Redis when REDIS_URL is set, in this process otherwise. */
@Module({
  providers: [
    {
      provide: READ_CACHE_DRIVER,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<ReadCacheDriver> => {
        if (!config.redisUrl) return new MemoryReadCacheDriver();
        const driver = new RedisReadCacheDriver(
          { url: config.redisUrl, cluster: config.redisCluster },
          config.readCachePrefix,
        );
        await driver.connected();
        return driver;
      },
    },
    LiveCacheMetrics,
    LiveReadCache,
    LiveCacheHeadersHook,
  ],
  exports: [LiveReadCache],
})
export class LiveCacheModule {}
