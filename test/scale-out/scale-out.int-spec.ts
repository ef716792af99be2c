import {
  createTemporaryDatabase,
  seedLegacySql,
  type TemporaryDatabase as LegacyDatabase,
} from '../simulators/legacy-sql';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { bearer } from '../harness/hub';
import { runHubProcess, RunningProcess } from '../harness/hub-process';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';
import { createLegacyConnection, HubCaller, readAll, startSync, waitForRun } from '../pipeline/pipeline-fixtures';

const CUSTOMERS = 3000;
/** AUTH_KEY_CACHE_MS of the hubs: how long another hub may still trust a revoked key. */
const KEY_TRUST_MS = 2_000;
const KEY_PATTERN = /trk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/;

/** Polls until `probe` returns something (audit events of finished jobs are written within a group-commit window). */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Two hubs and two workers against one PostgreSQL and one Redis, all started at once on an empty database. */
describe('scale-out: two hubs and two workers on one PostgreSQL and one Redis', () => {
  let store: TemporaryDatabase;
  let legacy: LegacyDatabase;
  let db: Client;
  let hubs: RunningProcess[] = [];
  let workers: RunningProcess[] = [];
  let adminKey: string;

  const caller = (hub: RunningProcess, key = adminKey): HubCaller => ({
    call: async (method, url, body) => {
      const response = await fetch(`${hub.url}${url}`, {
        method,
        headers: { ...bearer(key), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as never };
    },
  });

  beforeAll(async () => {
    [store, legacy] = await Promise.all([
      createTemporaryPostgres('trestle_scale'),
      createTemporaryDatabase('mariadb', 'trestle_scale_legacy'),
    ]);
    await seedLegacySql('mariadb', legacy.url, { customers: CUSTOMERS, ordersPerCustomer: 0, linesPerOrder: 0 });
    db = new Client({ connectionString: store.url });
    await db.connect();
    const env = {
      DATABASE_URL: store.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `trestle-scale-${randomBytes(6).toString('hex')}`,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      SYNC_PAGE_SIZE: '100',
      AUTH_KEY_CACHE_MS: String(KEY_TRUST_MS),
      WORKER_CONCURRENCY: '2',
      LOG_LEVEL: 'warn',
    };
    const started = await Promise.all([
      runHubProcess(env),
      runHubProcess(env),
      runHubProcess(env, 'apps/worker/src/main.ts', 'WORKER_PORT'),
      runHubProcess(env, 'apps/worker/src/main.ts', 'WORKER_PORT'),
    ]);
    hubs = started.slice(0, 2);
    workers = started.slice(2);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...hubs, ...workers].map((process) => process.stop('SIGTERM')));
    await db?.end();
    await Promise.all([store?.drop(), legacy?.drop()]);
  }, 60_000);

  it('migrates once and prints exactly one admin key although four processes started together', () => {
    const printed = hubs.map((hub) => KEY_PATTERN.exec(hub.output())?.[0]).filter(Boolean);
    expect(printed).toHaveLength(1);
    adminKey = printed[0] as string;
    for (const process of [...hubs, ...workers]) expect(process.output()).not.toContain('"level":50');
  });

  it('serves the same connections, keys and records from either hub', async () => {
    const [a, b] = hubs.map((hub) => caller(hub));
    const connectionId = await createLegacyConnection(a, 'legacy-erp', {
      dialect: 'mariadb',
      host: '127.0.0.1',
      port: 3306,
      database: legacy.name,
      user: 'root',
    });
    const seen = await b.call<{ id: string }[]>('GET', '/v1/connections');
    expect(seen.body.map((connection) => connection.id)).toContain(connectionId);

    const minted = await a.call<{ id: string; key: string }>('POST', '/v1/api-keys', {
      name: 'reader',
      scopes: ['entities:read'],
    });
    expect(minted.status).toBe(201);
    const reader = caller(hubs[1], minted.body.key);
    const live = await reader.call<{ data: { id: string }[] }>(
      'GET',
      `/v1/connections/${connectionId}/customers?limit=5`,
    );
    expect(live.status).toBe(200);
    const liveOnA = await caller(hubs[0], minted.body.key).call<{ data: { id: string }[] }>(
      'GET',
      `/v1/connections/${connectionId}/customers?limit=5`,
    );
    expect(liveOnA.body.data.map((record) => record.id)).toEqual(live.body.data.map((record) => record.id));

    expect((await b.call('DELETE', `/v1/api-keys/${minted.body.id}`)).status).toBe(200);
    const revokedAt = Date.now();
    expect((await reader.call('GET', '/v1/customers?limit=1')).status).toBe(401);
    const refusedByA = await eventually(async () => {
      const { status } = await caller(hubs[0], minted.body.key).call('GET', '/v1/customers?limit=1');
      return status === 401 ? Date.now() - revokedAt : undefined;
    }, KEY_TRUST_MS + 2_000);
    expect(refusedByA).toBeLessThanOrEqual(KEY_TRUST_MS + 1_000);
  });

  it('shares one sync between both workers and stores every record exactly once', async () => {
    const [a, b] = hubs.map((hub) => caller(hub));
    const connections = await a.call<{ id: string; name: string }[]>('GET', '/v1/connections');
    const connectionId = connections.body.find((connection) => connection.name === 'legacy-erp')?.id as string;

    const run = await waitForRun(a, (await startSync(b, connectionId, 'customer', 'full')).id, 90_000);
    expect(run).toMatchObject({ status: 'succeeded', progress: { recordsRead: CUSTOMERS, written: CUSTOMERS } });

    const { rows } = await db.query(
      'SELECT count(*)::int AS n, count(DISTINCT source_id)::int AS ids, max(version) AS version FROM canonical_records WHERE connection_id = $1',
      [connectionId],
    );
    expect(rows[0]).toEqual({ n: CUSTOMERS, ids: CUSTOMERS, version: 1 });
    const pagesByWorker = await eventually(async () => {
      const { rows: counts } = await db.query(
        "SELECT details::json->>'worker' AS worker, count(*)::int AS pages FROM audit_events WHERE action = 'pipeline.normalize' GROUP BY 1",
      );
      return counts.reduce((sum, row) => sum + row.pages, 0) === CUSTOMERS / 100 ? counts : undefined;
    });
    expect(pagesByWorker).toHaveLength(2);

    const fromA = await readAll<{ id: string }>(a, `/v1/connections/${connectionId}/customers?mode=store&limit=200`);
    const fromB = await readAll<{ id: string }>(b, `/v1/connections/${connectionId}/customers?mode=store&limit=200`);
    expect(fromA).toHaveLength(CUSTOMERS);
    expect(fromB).toEqual(fromA);
  }, 120_000);

  it('keeps one valid audit chain written by all four processes', async () => {
    const writers = await db.query(
      "SELECT count(DISTINCT details::json->>'worker')::int AS workers FROM audit_events WHERE details LIKE '%worker%'",
    );
    expect(writers.rows[0].workers).toBe(2);
    const actions = await db.query(
      "SELECT count(*) FILTER (WHERE action LIKE 'pipeline.%')::int AS pipeline, count(*) FILTER (WHERE action ~ '^(GET|POST|PATCH|DELETE) ')::int AS http FROM audit_events",
    );
    expect(actions.rows[0].pipeline).toBeGreaterThan(0);
    expect(actions.rows[0].http).toBeGreaterThan(0);
    for (const [hub, other] of [hubs, [...hubs].reverse()]) {
      const { rows } = await db.query("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = 'default'");
      const writing = Promise.all(Array.from({ length: 40 }, () => caller(other).call('GET', '/v1/connections')));
      const verified = await caller(hub).call<{ ok: boolean; checked: number; failure?: unknown }>(
        'POST',
        '/v1/audit/verify',
      );
      await writing;
      expect(verified.status).toBe(200);
      expect({ ok: verified.body.ok, failure: verified.body.failure }).toEqual({ ok: true, failure: undefined });
      expect(verified.body.checked).toBeGreaterThanOrEqual(rows[0].n);
    }
  });
});
