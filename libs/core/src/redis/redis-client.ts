import IORedis, { Cluster } from 'ioredis';
import { parseRedisClusterUrl } from './redis-url';

/** Where Redis is: REDIS_URL, and whether it names the seed nodes of a Redis Cluster (REDIS_CLUSTER). */
export interface RedisTarget {
  url: string;
  cluster: boolean;
}

export type RedisClient = IORedis | Cluster;

export interface RedisClientOptions {
  /** false: commands fail at once while Redis is unreachable instead of waiting for it. */
  enableOfflineQueue?: boolean;
  /** Retries of one command over reconnections; null retries until Redis is back (BullMQ workers). */
  maxRetriesPerRequest?: number | null;
}

const reconnectDelay = (times: number) => Math.min(times * 200, 2000);

/**
 * The one way Trestle opens Redis: one node (REDIS_URL as ioredis reads it), or an ioredis Cluster
 * over the seed nodes REDIS_URL lists. The client reconnects forever, waiting up to 2 s between
 * tries. On a cluster every multi-key command and script must keep its keys in one hash slot.
 */
export function createRedisClient(target: RedisTarget, options: RedisClientOptions = {}): RedisClient {
  if (!target.cluster) return new IORedis(target.url, { ...options, retryStrategy: reconnectDelay });
  const seeds = parseRedisClusterUrl(target.url);
  return new Cluster(seeds.nodes, {
    enableOfflineQueue: options.enableOfflineQueue,
    clusterRetryStrategy: reconnectDelay,
    redisOptions: {
      username: seeds.username,
      password: seeds.password,
      tls: seeds.tls ? {} : undefined,
      maxRetriesPerRequest: options.maxRetriesPerRequest,
    },
  });
}
