import { seedLegacySql } from '@trestle/simulators';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startTestHub, TestHub } from '../harness/hub';
import { runHubProcess, RunningProcess } from '../harness/hub-process';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';
import { FaultProxy, startFaultProxy } from '../support/fault-proxy';
import {
  createLegacyConnection,
  HubCaller,
  injectedCaller,
  POISON,
  startSync,
  SyncRun,
  waitForRun,
} from './pipeline-fixtures';

const CUSTOMERS = 3000;
const POISONED = ['C000100', 'C002500'];
const REDIS = { host: '127.0.0.1', port: 6379 };
const LEGACY_PASSWORD = `legacy-${randomBytes(9).toString('base64url')}`;

describe('pipeline reliability on BullMQ, Redis and PostgreSQL', () => {
  const prefix = `trestle-test-${randomBytes(6).toString('hex')}`;
  const secretsKey = randomBytes(32).toString('base64');
  let store: TemporaryDatabase;
  let legacy: TemporaryDatabase;
  let db: Client;
  let hub: TestHub;
  let api: HubCaller;
  const workers = new Set<RunningProcess>();

  const workerEnv = (redisUrl = `redis://${REDIS.host}:${REDIS.port}`) => ({
    DATABASE_URL: store.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    SECRETS_KEY: secretsKey,
    QUEUE_LOCK_MS: '1000',
    SYNC_PAGE_SIZE: '10',
    SYNC_MAX_PAGES_AHEAD: '2',
    WORKER_CONCURRENCY: '1',
    JOB_ATTEMPTS: '20',
    JOB_BACKOFF_MS: '100',
    LOG_LEVEL: 'warn',
  });

  const startWorker = async (redisUrl?: string, env: Record<string, string> = {}) => {
    const worker = await runHubProcess({ ...workerEnv(redisUrl), ...env }, 'apps/worker/src/main.ts', 'WORKER_PORT');
    workers.add(worker);
    return worker;
  };
  const stopWorker = async (worker: RunningProcess, signal: NodeJS.Signals) => {
    workers.delete(worker);
    return worker.stop(signal);
  };

  const callerFor = (target: TestHub): HubCaller => injectedCaller(target);

  const legacyConnection = (name: string) =>
    createLegacyConnection(
      api,
      name,
      { dialect: 'postgres', host: '127.0.0.1', port: 5432, database: legacy.name, user: 'postgres', poolSize: 2 },
      { password: LEGACY_PASSWORD },
    );

  const waitUntil = async (runId: string, test: (run: SyncRun) => boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = (await api.call<SyncRun>('GET', `/v1/syncs/${runId}`)).body;
      if (test(run)) return run;
      if (Date.now() > deadline) throw new Error(`gave up waiting: ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  /** Every source record is in the store exactly once (or, if poisoned, in dead letters exactly once). */
  const expectExactlyOnce = async (connectionId: string, run: SyncRun) => {
    expect(run).toMatchObject({
      status: 'succeeded',
      progress: { recordsRead: CUSTOMERS, written: CUSTOMERS - POISONED.length, rejected: POISONED.length },
    });
    const { rows } = await db.query(
      'SELECT count(*)::int AS n, count(DISTINCT source_id)::int AS ids, max(version) AS version, min(source_id) AS first, max(source_id) AS last FROM canonical_records WHERE connection_id = $1',
      [connectionId],
    );
    expect(rows[0]).toEqual({ n: CUSTOMERS - 2, ids: CUSTOMERS - 2, version: 1, first: 'C000001', last: 'C003000' });
    const stored = await db.query(
      'SELECT source_id FROM canonical_records WHERE connection_id = $1 AND source_id = ANY($2)',
      [connectionId, POISONED],
    );
    expect(stored.rows).toEqual([]);
    const letters = await db.query(
      'SELECT source_id, occurrences, raw, reason FROM dead_letters WHERE connection_id = $1 ORDER BY source_id',
      [connectionId],
    );
    expect(letters.rows.map((l) => [l.source_id, l.occurrences])).toEqual(POISONED.map((id) => [id, 1]));
    expect(JSON.stringify(letters.rows)).not.toContain(LEGACY_PASSWORD);
    const quality = await api.call<{ data: Record<string, unknown>[] }>(
      'GET',
      `/v1/pipeline/quality?connectionId=${connectionId}`,
    );
    expect(quality.body.data).toEqual([
      expect.objectContaining({
        entity: 'customer',
        recordsRead: CUSTOMERS,
        written: CUSTOMERS - POISONED.length,
        unchanged: 0,
        rejected: POISONED.length,
        duplicates: 0,
        missingRequired: {},
      }),
    ]);
  };

  const activeJobs = async () => {
    let active = 0;
    for (const name of ['sync', 'normalize']) {
      const queue = new Queue(name, { connection: REDIS, prefix });
      active += await queue.getActiveCount();
      await queue.close();
    }
    return active;
  };

  beforeAll(async () => {
    [store, legacy] = await Promise.all([
      createTemporaryPostgres('trestle_pipeline'),
      createTemporaryPostgres('trestle_legacy'),
    ]);
    await seedLegacySql('postgres', legacy.url, { customers: CUSTOMERS, ordersPerCustomer: 0, linesPerOrder: 0 });
    const source = new Client({ connectionString: legacy.url });
    await source.connect();
    await source.query(`UPDATE "CUSTMAST" SET "${POISON.mapping.column}" = $1 WHERE "CUST_NO" = $2`, [
      POISON.mapping.value,
      POISONED[0],
    ]);
    await source.query(`UPDATE "CUSTMAST" SET "${POISON.validation.column}" = $1 WHERE "CUST_NO" = $2`, [
      POISON.validation.value,
      POISONED[1],
    ]);
    await source.end();
    hub = await startTestHub({
      DATABASE_URL: store.url,
      REDIS_URL: `redis://${REDIS.host}:${REDIS.port}`,
      QUEUE_PREFIX: prefix,
      SECRETS_KEY: secretsKey,
    });
    api = callerFor(hub);
    db = new Client({ connectionString: store.url });
    await db.connect();
  }, 60_000);

  afterEach(async () => {
    await Promise.all([...workers].map((worker) => stopWorker(worker, 'SIGKILL')));
  });

  afterAll(async () => {
    await db?.end();
    await hub?.close();
    await Promise.all([store?.drop(), legacy?.drop()]);
  }, 30_000);

  it('stores every record exactly once though the worker is SIGKILLed mid-sync three times', async () => {
    const connectionId = await legacyConnection('killed-worker');
    let worker = await startWorker();
    const run = await startSync(api, connectionId, 'customer', 'full');
    for (let kill = 1; kill <= 3; kill++) {
      const before = (await api.call<SyncRun>('GET', `/v1/syncs/${run.id}`)).body.progress.pagesNormalized;
      await waitUntil(run.id, (r) => r.progress.pagesNormalized >= before + 15);
      await stopWorker(worker, 'SIGKILL');
      worker = await startWorker();
    }
    const ended = await waitForRun(api, run.id, 60_000);
    expect(ended.progress.pages).toBeGreaterThan(0);
    await expectExactlyOnce(connectionId, ended);
  }, 120_000);

  it('lets active jobs finish on SIGTERM, and several workers on one Redis share the rest', async () => {
    const connectionId = await legacyConnection('terminated-worker');
    const first = await startWorker(undefined, { LOG_LEVEL: 'info' });
    const run = await startSync(api, connectionId, 'customer', 'full');
    await waitUntil(run.id, (r) => r.progress.pagesNormalized >= 20);
    const exit = await stopWorker(first, 'SIGTERM');
    expect(exit.code).toBe(0);
    expect(exit.output).toContain('Shutdown complete');
    expect(exit.output).not.toContain('Audit event could not be written');
    expect(await activeJobs()).toBe(0);
    const paused = (await api.call<SyncRun>('GET', `/v1/syncs/${run.id}`)).body;
    expect(paused.status).toBe('running');

    await Promise.all([startWorker(), startWorker()]);
    const ended = await waitForRun(api, run.id, 60_000);
    await expectExactlyOnce(connectionId, ended);
    const { rows } = await db.query(
      "SELECT DISTINCT details::json->>'worker' AS worker FROM audit_events WHERE action = 'pipeline.normalize' AND resource = $1",
      [`syncs/${run.id}`],
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('resumes a sync after its Redis connections drop, and refuses new syncs loudly while Redis is away', async () => {
    let proxy: FaultProxy | undefined;
    let viaProxy: TestHub | undefined;
    try {
      proxy = await startFaultProxy({ upstream: REDIS.port });
      const redisUrl = `redis://127.0.0.1:${proxy.port}`;
      viaProxy = await startTestHub({
        DATABASE_URL: store.url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        SECRETS_KEY: secretsKey,
      });
      const flaky = callerFor(viaProxy);
      const connectionId = await legacyConnection('redis-loss');
      await startWorker(redisUrl);
      const run = await startSync(flaky, connectionId, 'customer', 'full');
      await waitUntil(run.id, (r) => r.progress.pagesNormalized >= 20);

      proxy.setMode({ kind: 'reset' });
      const asked = Date.now();
      const refused = await flaky.call<{ code: string; status: number }>(
        'POST',
        `/v1/connections/${connectionId}/syncs`,
        {
          entity: 'order',
          mode: 'full',
        },
      );
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('unavailable');
      expect(Date.now() - asked).toBeLessThan(10_000);
      const during = (await flaky.call<SyncRun>('GET', `/v1/syncs/${run.id}`)).body;
      expect(during.status).toBe('running');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      proxy.setMode({ kind: 'pass' });

      const ended = await waitForRun(flaky, run.id, 60_000);
      expect(ended.progress.pagesNormalized).toBeGreaterThan(during.progress.pagesNormalized);
      await expectExactlyOnce(connectionId, ended);
    } finally {
      await viaProxy?.close();
      await proxy?.close();
    }
  }, 120_000);
});
