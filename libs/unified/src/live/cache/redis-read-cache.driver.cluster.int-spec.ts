import { RedisClusterNode, startRedisCluster, TemporaryRedisCluster } from '../../../../../test/harness/redis-cluster';
import {
  CONTRACT_POLICY,
  CONTRACT_SCOPE,
  describeReadCacheDriverContract,
  liveCacheOver,
} from './read-cache-driver.contract';
import { RedisReadCacheDriver } from './redis-read-cache.driver';

const PREFIX = 'trestle-test:cache';

describe('RedisReadCacheDriver on a three-master Redis Cluster', () => {
  let cluster: TemporaryRedisCluster;
  const drivers: RedisReadCacheDriver[] = [];
  const driver = async () => {
    const created = new RedisReadCacheDriver({ url: cluster.url, cluster: true }, PREFIX);
    drivers.push(created);
    await created.connected(10_000);
    return created;
  };

  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(drivers.map((d) => d.close()));
    await cluster?.stop();
  }, 30_000);

  describeReadCacheDriverContract(driver);

  it("keeps a connection's generations, entries and index in one slot, and spreads connections over the masters", async () => {
    const tenantId = 'spread';
    const byMaster = new Map<number, string>();
    const masters = await cluster.masters();
    for (let i = 0; byMaster.size < masters.length; i += 1) {
      const connectionId = `conn-${i}`;
      const master = await cluster.masterOf(`{${tenantId}:${connectionId}}`);
      if (!byMaster.has(master.port)) byMaster.set(master.port, connectionId);
    }
    const cache = await driver();
    for (const connectionId of byMaster.values()) {
      for (const entity of ['customer', 'order']) {
        const scope = { tenantId, connectionId, entity };
        const { generation } = await cache.get(scope, 'page');
        await cache.set(scope, generation, 'page', { storedAt: Date.now(), value: entity }, CONTRACT_POLICY);
        await cache.invalidate(scope);
        const bumped = await cache.get(scope, 'page');
        await cache.set(scope, bumped.generation, 'page', { storedAt: Date.now(), value: entity }, CONTRACT_POLICY);
      }
    }

    const keysOf = (node: RedisClusterNode) => cluster.keysOn(node, `${PREFIX}:{${tenantId}:*`);
    for (const node of masters) {
      const connectionId = byMaster.get(node.port) as string;
      const keys = (await keysOf(node)).sort();
      const own = `${PREFIX}:{${tenantId}:${connectionId}}:`;
      expect(keys).toEqual(
        [
          'index',
          'customer:generation',
          'customer:0:page',
          'customer:1:page',
          'order:generation',
          'order:0:page',
          'order:1:page',
        ]
          .map((suffix) => `${own}${suffix}`)
          .sort(),
      );
      const slots = new Set(await Promise.all(keys.map((key) => cluster.slotOf(key))));
      expect(slots.size).toBe(1);
    }
  });
});

describe('LiveReadCache over an unreachable Redis Cluster', () => {
  it('reads through to the system at once, uncached, instead of waiting for the cluster', async () => {
    const driver = new RedisReadCacheDriver({ url: 'redis://127.0.0.1:1,127.0.0.1:2', cluster: true }, PREFIX);
    const cache = liveCacheOver(driver);
    let loads = 0;
    const started = performance.now();
    for (let i = 0; i < 3; i += 1) {
      expect((await cache.read(CONTRACT_SCOPE, { q: 1 }, CONTRACT_POLICY, async () => ++loads)).outcome).toBe('miss');
    }
    expect(loads).toBe(3);
    expect(performance.now() - started).toBeLessThan(500);
    await driver.close();
  });
});
