import { LegacySqlite, startLegacySqlite } from '@trestle/simulators';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { startTestHub, TestHub } from '../harness/hub';
import { runHubProcess, RunningProcess } from '../harness/hub-process';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';
import {
  createLegacyConnection,
  HubCaller,
  injectedCaller,
  readAll,
  startSync,
  waitForRun,
} from '../pipeline/pipeline-fixtures';

const REDIS = { host: '127.0.0.1', port: 6379 };

/** WORKER_QUEUES splits workers into pools: one syncs and normalizes, another (a GPU box, say) only scores. */
describe('worker pools by queue (WORKER_QUEUES)', () => {
  let store: TemporaryDatabase;
  let erp: LegacySqlite;
  let hub: TestHub;
  let api: HubCaller;
  let env: Record<string, string>;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    store = await createTemporaryPostgres('trestle_pools');
    erp = await startLegacySqlite({ customers: 10, ordersPerCustomer: 3, linesPerOrder: 2 });
    env = {
      DATABASE_URL: store.url,
      REDIS_URL: `redis://${REDIS.host}:${REDIS.port}`,
      QUEUE_PREFIX: `trestle-pools-${randomBytes(6).toString('hex')}`,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      SYNC_PAGE_SIZE: '10',
    };
    hub = await startTestHub(env);
    api = injectedCaller(hub);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGTERM')));
    await hub?.close();
    await erp?.close();
    await store?.drop();
  }, 60_000);

  const startWorker = async (queues: string) => {
    const worker = await runHubProcess({ ...env, WORKER_QUEUES: queues }, 'apps/worker/src/main.ts', 'WORKER_PORT');
    workers.push(worker);
    return worker;
  };
  const enrichments = async () =>
    (await api.call<{ data: { recordId: string }[] }>('GET', '/v1/enrichments?entity=order&limit=500')).body.data;

  it('stores orders on the sync pool and scores them only once the infer pool is up', async () => {
    const syncPool = await startWorker('sync,normalize');
    const connectionId = await createLegacyConnection(api, 'legacy-erp', erp.settings);
    const run = await waitForRun(api, (await startSync(api, connectionId, 'order', 'full')).id, 60_000);
    expect(run).toMatchObject({ status: 'succeeded', progress: { recordsRead: 30, written: 30 } });
    const stored = await readAll<{ id: string }>(api, `/v1/orders?mode=store&connectionId=${connectionId}&limit=100`);
    expect(stored).toHaveLength(30);

    const infer = new Queue('infer', { connection: REDIS, prefix: env.QUEUE_PREFIX });
    try {
      expect(await infer.getWaitingCount()).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await enrichments()).toEqual([]);

      const inferPool = await startWorker('infer');
      const deadline = Date.now() + 30_000;
      while ((await enrichments()).length < stored.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(new Set((await enrichments()).map((e) => e.recordId))).toEqual(new Set(stored.map((o) => o.id)));
      expect(await infer.getWaitingCount()).toBe(0);
      expect(syncPool.output()).not.toContain('Consuming the infer queue');
      expect(inferPool.output()).toContain('Consuming the infer queue');
      expect(inferPool.output()).not.toContain('Consuming sync');
    } finally {
      await infer.close();
    }
  }, 120_000);

  it('refuses to boot on an unknown queue name and names the variable', async () => {
    await expect(startWorker('sync,bogus')).rejects.toThrow(/WORKER_QUEUES/);
  }, 60_000);
});
