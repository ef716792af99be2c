import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { DEFAULT_CRM_CLIENT, RestCrm, startRestCrm } from '@trestle/simulators';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, startTestHub, TestHub } from '../harness/hub';
import { startRedisCluster, TemporaryRedisCluster } from '../harness/redis-cluster';

const DEFINITION_FILE = join(__dirname, '..', '..', 'adapters', 'rest', 'examples', 'rest-crm.connector.yaml');
const CACHE_PREFIX = 'trestle-test:cache';

describe('read cache of mode=live shared by two hubs through a Redis Cluster', () => {
  let cluster: TemporaryRedisCluster;
  let dir: string;
  let crm: RestCrm;
  let first: TestHub;
  let second: TestHub;
  let connectionId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trestle-cache-cluster-'));
    [cluster, crm] = await Promise.all([startRedisCluster(), startRestCrm({ rateLimit: false, accounts: 10 })]);
    const env = {
      ...cluster.env,
      SQLITE_PATH: join(dir, 'hub.sqlite'),
      SECRETS_KEY: randomBytes(32).toString('base64'),
      READ_CACHE_PREFIX: CACHE_PREFIX,
    };
    first = await startTestHub(env);
    second = await startTestHub(env);
    const created = await first.app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: bearer(first.adminKey),
      payload: {
        name: 'shared-cache',
        definition: await loadConnectorDefinition(DEFINITION_FILE),
        settings: { baseUrl: crm.url },
        credentials: { ...DEFAULT_CRM_CLIENT },
        resilience: { readCache: { ttlMs: 60_000, shareAcrossCallers: true } },
      },
    });
    expect(created.statusCode).toBe(201);
    connectionId = created.json().id;
  }, 90_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await crm?.close();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const read = (hub: TestHub) =>
    hub.app.inject({
      method: 'GET',
      url: `/v1/connections/${connectionId}/customers?limit=5`,
      headers: bearer(hub.adminKey),
    });
  const accountCalls = () => crm.callCount('GET /api/v2/accounts');

  it('answers one hub from what the other cached, and a write through either drops it for both', async () => {
    const before = accountCalls();
    expect((await read(first)).headers['x-trestle-cache']).toBe('miss');
    const fromSecond = await read(second);
    expect(fromSecond.headers['x-trestle-cache']).toBe('hit');
    expect(accountCalls() - before).toBe(1);

    const record = fromSecond.json().data[0];
    const updated = await second.app.inject({
      method: 'PATCH',
      url: `/v1/customers/${record.id}`,
      headers: bearer(second.adminKey),
      payload: { name: 'Changed Through The Second Hub' },
    });
    expect(updated.statusCode).toBe(200);

    const afterWrite = await read(first);
    expect(afterWrite.headers['x-trestle-cache']).toBe('miss');
    expect(afterWrite.json().data.find((r: { id: string }) => r.id === record.id).name).toBe(
      'Changed Through The Second Hub',
    );
    expect((await read(second)).headers['x-trestle-cache']).toBe('hit');
    expect(accountCalls() - before).toBe(2);
  });

  it('coalesces identical concurrent reads into one call after a write dropped the entry', async () => {
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
    expect(keys.every((key) => key.includes(`:${connectionId}}:`))).toBe(true);
    expect(new Set(await cluster.slotsOf(keys)).size).toBe(1);
  });
});
