import { seedLegacySql } from '@trestle/simulators';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startTestHub, TestHub } from '../harness/hub';
import { runHubProcess, RunningProcess } from '../harness/hub-process';
import { startRedisCluster, TemporaryRedisCluster } from '../harness/redis-cluster';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';
import {
  createLegacyConnection,
  HubCaller,
  injectedCaller,
  startSync,
  SyncRun,
  waitForRun,
} from '../pipeline/pipeline-fixtures';

const CUSTOMERS = 2000;
const PREFIX = `trestle-test-${randomBytes(4).toString('hex')}`;

/** A hub and worker processes whose queues are BullMQ on a Redis Cluster of three masters, each with a replica. */
describe('pipeline on BullMQ over a Redis Cluster', () => {
  const secretsKey = randomBytes(32).toString('base64');
  let cluster: TemporaryRedisCluster;
  let store: TemporaryDatabase;
  let legacy: TemporaryDatabase;
  let db: Client;
  let hub: TestHub;
  let api: HubCaller;
  let connectionId: string;
  const workers = new Set<RunningProcess>();

  const startWorker = async () => {
    const worker = await runHubProcess(
      {
        ...cluster.env,
        DATABASE_URL: store.url,
        QUEUE_PREFIX: PREFIX,
        SECRETS_KEY: secretsKey,
        QUEUE_LOCK_MS: '1000',
        SYNC_PAGE_SIZE: '25',
        SYNC_MAX_PAGES_AHEAD: '2',
        WORKER_CONCURRENCY: '1',
        JOB_ATTEMPTS: '20',
        JOB_BACKOFF_MS: '100',
        LOG_LEVEL: 'warn',
      },
      'apps/worker/src/main.ts',
      'WORKER_PORT',
    );
    workers.add(worker);
    return worker;
  };

  const legacyConnection = (name: string) =>
    createLegacyConnection(api, name, {
      dialect: 'postgres',
      host: '127.0.0.1',
      port: 5432,
      database: legacy.name,
      user: 'postgres',
      poolSize: 2,
    });

  const progressOf = async (runId: string) => (await api.call<SyncRun>('GET', `/v1/syncs/${runId}`)).body;
  const untilNormalized = async (runId: string, pages: number) => {
    const deadline = Date.now() + 60_000;
    while ((await progressOf(runId)).progress.pagesNormalized < pages) {
      if (Date.now() > deadline) throw new Error(`sync did not progress: ${JSON.stringify(await progressOf(runId))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  /** Every source record is in the store exactly once, at its first version. */
  const expectStoredOnce = async (connectionId: string) => {
    const { rows } = await db.query(
      'SELECT count(*)::int AS n, count(DISTINCT source_id)::int AS ids, max(version) AS version, min(source_id) AS first, max(source_id) AS last FROM canonical_records WHERE connection_id = $1',
      [connectionId],
    );
    expect(rows[0]).toEqual({ n: CUSTOMERS, ids: CUSTOMERS, version: 1, first: 'C000001', last: 'C002000' });
  };

  beforeAll(async () => {
    [cluster, store, legacy] = await Promise.all([
      startRedisCluster({ replicas: 1 }),
      createTemporaryPostgres('trestle_cluster'),
      createTemporaryPostgres('trestle_cluster_legacy'),
    ]);
    await seedLegacySql('postgres', legacy.url, { customers: CUSTOMERS, ordersPerCustomer: 0, linesPerOrder: 0 });
    hub = await startTestHub({
      ...cluster.env,
      DATABASE_URL: store.url,
      QUEUE_PREFIX: PREFIX,
      SECRETS_KEY: secretsKey,
    });
    api = injectedCaller(hub);
    db = new Client({ connectionString: store.url });
    await db.connect();
    connectionId = await legacyConnection('legacy-on-cluster');
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...workers].map((worker) => worker.stop('SIGKILL')));
    await db?.end();
    await hub?.close();
    await Promise.all([store?.drop(), legacy?.drop(), cluster?.stop()]);
  }, 60_000);

  it('stores every record exactly once though one of two workers is SIGKILLed mid-sync', async () => {
    const [doomed] = await Promise.all([startWorker(), startWorker()]);
    const run = await startSync(api, connectionId, 'customer', 'full');
    await untilNormalized(run.id, 15);
    workers.delete(doomed);
    await doomed.stop('SIGKILL');

    const ended = await waitForRun(api, run.id, 90_000);
    expect(ended).toMatchObject({
      status: 'succeeded',
      progress: { recordsRead: CUSTOMERS, written: CUSTOMERS, rejected: 0, pagesNormalized: CUSTOMERS / 25 },
    });
    await expectStoredOnce(connectionId);
  }, 150_000);

  it('runs a scheduled sync from a BullMQ job scheduler on the cluster', async () => {
    const put = await api.call('PUT', `/v1/connections/${connectionId}/sync-schedules/customer`, {
      everyMs: 1000,
      mode: 'incremental',
    });
    expect(put.status).toBe(200);
    const deadline = Date.now() + 30_000;
    let scheduled: SyncRun | undefined;
    while (!scheduled && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const runs = (await api.call<{ data: SyncRun[] }>('GET', `/v1/connections/${connectionId}/syncs`)).body.data;
      scheduled = runs.find((run) => run.triggeredBy === 'schedule');
    }
    expect(scheduled).toBeDefined();
    expect((await api.call('DELETE', `/v1/connections/${connectionId}/sync-schedules/customer`)).status).toBe(204);
    expect((await waitForRun(api, (scheduled as SyncRun).id, 60_000)).status).toBe('succeeded');
    await expectStoredOnce(connectionId);
  }, 90_000);

  it('keeps every queue key under the {QUEUE_PREFIX} hash tag: one slot, one master', async () => {
    const tag = `{${PREFIX}}`;
    const home = await cluster.masterOf(tag);
    const masters = await cluster.masters();
    const keysBy = await Promise.all(masters.map((node) => cluster.keysOn(node, '*')));
    const keys = keysBy.flat();
    for (const queue of ['sync-trigger', 'sync', 'normalize']) {
      expect(keys).toEqual(expect.arrayContaining([`${tag}:${queue}:meta`, `${tag}:${queue}:id`]));
    }
    expect(keys.filter((key) => !key.startsWith(`${tag}:`))).toEqual([]);
    masters.forEach((node, index) => expect(keysBy[index].length > 0).toBe(node.port === home.port));
    expect(new Set(await cluster.slotsOf(keys))).toEqual(new Set([await cluster.slotOf(tag)]));
  });

  it("finishes a sync exactly once across a failover of the queues' master to its replica", async () => {
    const tag = `{${PREFIX}}`;
    const moved = await legacyConnection('legacy-across-failover');
    const run = await startSync(api, moved, 'customer', 'full');
    await untilNormalized(run.id, 10);
    expect((await progressOf(run.id)).status).toBe('running');
    const before = await cluster.masterOf(tag);
    const promoted = await cluster.failover(before);
    expect(await cluster.masterOf(tag)).toEqual(promoted);

    expect(await waitForRun(api, run.id, 90_000)).toMatchObject({
      status: 'succeeded',
      progress: { recordsRead: CUSTOMERS, written: CUSTOMERS, rejected: 0 },
    });
    await expectStoredOnce(moved);
    const again = await startSync(api, moved, 'customer', 'incremental');
    expect((await waitForRun(api, again.id, 60_000)).status).toBe('succeeded');
    await expectStoredOnce(moved);
  }, 150_000);
});
