import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { DEFAULT_CRM_CLIENT, RestCrm, startRestCrm } from '@trestle/simulators';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, startTestHub, TestHub } from '../harness/hub';

const DEFINITION_FILE = join(__dirname, '..', '..', 'adapters', 'rest', 'examples', 'rest-crm.connector.yaml');
const REDIS_URL = 'redis://127.0.0.1:6379';

describe('read cache of mode=live shared through Redis by two hub processes', () => {
  const prefix = `trestle-test-${randomBytes(6).toString('hex')}`;
  let dir: string;
  let crm: RestCrm;
  let first: TestHub;
  let second: TestHub;
  let connectionId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trestle-cache-redis-'));
    crm = await startRestCrm({ rateLimit: false, accounts: 10 });
    const env = {
      SQLITE_PATH: join(dir, 'hub.sqlite'),
      SECRETS_KEY: randomBytes(32).toString('base64'),
      REDIS_URL,
      QUEUE_PREFIX: `${prefix}-queues`,
      READ_CACHE_PREFIX: `${prefix}:cache`,
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
  }, 60_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await crm.close();
    const redis = new IORedis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const read = (hub: TestHub) =>
    hub.app.inject({
      method: 'GET',
      url: `/v1/connections/${connectionId}/customers?limit=5`,
      headers: bearer(hub.adminKey),
    });

  it('answers one hub from what the other cached, and a write through either drops it for both', async () => {
    const before = crm.callCount('GET /api/v2/accounts');
    expect((await read(first)).headers['x-trestle-cache']).toBe('miss');
    const fromSecond = await read(second);
    expect(fromSecond.headers['x-trestle-cache']).toBe('hit');
    expect(crm.callCount('GET /api/v2/accounts') - before).toBe(1);

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
    const changed = afterWrite.json().data.find((r: { id: string }) => r.id === record.id);
    expect(changed.name).toBe('Changed Through The Second Hub');
    expect((await read(second)).headers['x-trestle-cache']).toBe('hit');
    expect(crm.callCount('GET /api/v2/accounts') - before).toBe(2);
  });
});
