import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { DEFAULT_CRM_CLIENT, RestCrm, startRestCrm } from '@trestle/simulators';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, startTestHub, TestHub } from './hub';

const DEFINITION_FILE = join(__dirname, '..', '..', 'adapters', 'rest', 'examples', 'rest-crm.connector.yaml');

/** Two hubs on one Redis (node or cluster) and a CRM connection whose live reads they cache together. */
export interface HubsSharingReadCache {
  crm: RestCrm;
  first: TestHub;
  second: TestHub;
  connectionId: string;
  /** A page of the connection's customers through `hub` (x-trestle-cache tells how it was answered). */
  read(hub: TestHub): ReturnType<TestHub['app']['inject']>;
  accountCalls(): number;
  close(): Promise<void>;
}

export async function startHubsSharingReadCache(redisEnv: Record<string, string>): Promise<HubsSharingReadCache> {
  const dir = mkdtempSync(join(tmpdir(), 'trestle-shared-cache-'));
  const crm = await startRestCrm({ rateLimit: false, accounts: 10 });
  const env = { ...redisEnv, SQLITE_PATH: join(dir, 'hub.sqlite'), SECRETS_KEY: randomBytes(32).toString('base64') };
  const first = await startTestHub(env);
  const second = await startTestHub(env);
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
  if (created.statusCode !== 201) throw new Error(`creating the connection: ${created.statusCode} ${created.body}`);
  const connectionId = created.json<{ id: string }>().id;
  return {
    crm,
    first,
    second,
    connectionId,
    read: (hub) =>
      hub.app.inject({
        method: 'GET',
        url: `/v1/connections/${connectionId}/customers?limit=5`,
        headers: bearer(hub.adminKey),
      }),
    accountCalls: () => crm.callCount('GET /api/v2/accounts'),
    close: async () => {
      await first.close();
      await second.close();
      await crm.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One hub answers from what the other cached; a write through either drops the entry for both. */
export async function expectCacheSharedAndDroppedOnWrite(hubs: HubsSharingReadCache): Promise<void> {
  const { first, second, read, accountCalls } = hubs;
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
  const changed = afterWrite.json().data.find((r: { id: string }) => r.id === record.id);
  expect(changed.name).toBe('Changed Through The Second Hub');
  expect((await read(second)).headers['x-trestle-cache']).toBe('hit');
  expect(accountCalls() - before).toBe(2);
}
