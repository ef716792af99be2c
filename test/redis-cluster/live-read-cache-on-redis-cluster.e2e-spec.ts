import { bearer } from '../harness/hub';
import {
  expectCacheSharedAndDroppedOnWrite,
  HubsSharingReadCache,
  startHubsSharingReadCache,
} from '../harness/hubs-sharing-read-cache';
import { startRedisCluster, TemporaryRedisCluster } from '../harness/redis-cluster';

const CACHE_PREFIX = 'trestle-test:cache';

describe('read cache of mode=live shared by two hubs through a Redis Cluster', () => {
  let cluster: TemporaryRedisCluster;
  let hubs: HubsSharingReadCache;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    hubs = await startHubsSharingReadCache({ ...cluster.env, READ_CACHE_PREFIX: CACHE_PREFIX });
  }, 90_000);

  afterAll(async () => {
    await hubs?.close();
    await cluster?.stop();
  }, 30_000);

  it('answers one hub from what the other cached, and a write through either drops it for both', () =>
    expectCacheSharedAndDroppedOnWrite(hubs));

  it('coalesces identical concurrent reads into one call after a write dropped the entry', async () => {
    const { first, second, read, accountCalls } = hubs;
    const record = (await read(first)).json().data[1];
    const updated = await first.app.inject({
      method: 'PATCH',
      url: `/v1/customers/${record.id}`,
      headers: bearer(first.adminKey),
      payload: { name: 'Changed Again' },
    });
    expect(updated.statusCode).toBe(200);
    const before = accountCalls();
    const answers = await Promise.all(Array.from({ length: 20 }, () => read(second)));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(20).fill(200));
    const outcomes = answers.map((answer) => answer.headers['x-trestle-cache']);
    expect(outcomes.filter((outcome) => outcome === 'miss')).toHaveLength(1);
    expect(outcomes.every((outcome) => ['miss', 'coalesced', 'hit'].includes(String(outcome)))).toBe(true);
    expect(accountCalls() - before).toBe(1);
    expect((await read(first)).headers['x-trestle-cache']).toBe('hit');
  });

  it("keeps the connection's cache keys in one hash slot", async () => {
    const keys = (
      await Promise.all((await cluster.masters()).map((node) => cluster.keysOn(node, `${CACHE_PREFIX}:*`)))
    ).flat();
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.every((key) => key.includes(`:${hubs.connectionId}}:`))).toBe(true);
    expect(new Set(await cluster.slotsOf(keys)).size).toBe(1);
  });
});
