import { Cluster } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { startRedisCluster, TemporaryRedisCluster } from '../../../../test/harness/redis-cluster';
import { createRedisClient, RedisClient } from './redis-client';

describe('createRedisClient', () => {
  const password = `pw,${randomBytes(6).toString('hex')}`;
  let cluster: TemporaryRedisCluster;
  const clients: RedisClient[] = [];
  const open = (...args: Parameters<typeof createRedisClient>) => {
    const client = createRedisClient(...args);
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    cluster = await startRedisCluster({ password });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
    await cluster?.stop();
  }, 30_000);

  it('opens one node as ioredis reads the URL', async () => {
    const client = open({ url: 'redis://127.0.0.1:6379/0', cluster: false });
    expect(client).not.toBeInstanceOf(Cluster);
    expect(await client.ping()).toBe('PONG');
  });

  it('reaches every master of a cluster from one seed, with the credentials of the URL', async () => {
    const masters = await cluster.masters();
    const [seed] = masters;
    const client = open({ url: `redis://:${encodeURIComponent(password)}@${seed.host}:${seed.port}`, cluster: true });
    expect(client).toBeInstanceOf(Cluster);
    const keys = Array.from({ length: 30 }, (_, i) => `trestle-test:client:${i}`);
    await Promise.all(keys.map((key, i) => client.set(key, String(i))));
    expect(await Promise.all(keys.map((key) => client.get(key)))).toEqual(keys.map((_, i) => String(i)));
    const holders = await Promise.all(
      masters.map(async (node) => (await cluster.keysOn(node, 'trestle-test:client:*')).length),
    );
    expect(holders.filter((count) => count > 0)).toHaveLength(masters.length);
  });

  it('fails commands at once while it cannot authenticate, when asked not to queue them', async () => {
    const masters = await cluster.masters();
    const client = open(
      { url: `redis://:wrong@${masters.map((node) => `${node.host}:${node.port}`).join(',')}`, cluster: true },
      { enableOfflineQueue: false, maxRetriesPerRequest: 0 },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    await expect(client.get('trestle-test:client:0')).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(500);
  });
});
