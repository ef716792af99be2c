import { Scope } from '@trestle/core';
import { compileInputBuilder, loadModelsFile } from '@trestle/inference';
import { QueueDriver, QueueName } from '@trestle/pipeline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, TestHub } from '../harness/hub';
import { HubWithLegacySystems, startHubWithLegacySystems } from '../harness/hub-with-legacy-systems';
import { HubCaller, readAll, startSync, waitForRun } from '../pipeline/pipeline-fixtures';
import { FEATURE_WIDTH, MODELS_FILE, ORDER_ANOMALY_ONNX } from './order-anomaly.fixture';
import { KserveTestServer, startKserveTestServer } from './servers/kserve-v2.server';

interface StoredOrder {
  id: string;
  status: string;
  [field: string]: unknown;
}

interface DeadLetter {
  id: string;
  entity: string;
  recordId: string;
  connectionId: string | null;
  model: string;
  version: string;
  code: string;
  reason: string;
  attempts: number;
  inputHash: string | null;
  jobId: string | null;
  status: string;
  occurrences: number;
}

const remote = loadModelsFile(MODELS_FILE).find((model) => model.name === 'order-anomaly-remote');
if (!remote) throw new Error('models.yaml declares no order-anomaly-remote');
const input = compileInputBuilder(remote.name, remote.input);
const CANCELLED = input.columns.indexOf('status_cancelled');

describe('inference failures dead-letter per record; the pipeline keeps going (KServe v2 provider)', () => {
  let fixture: HubWithLegacySystems<'first' | 'second'>;
  let hub: TestHub;
  let api: HubCaller;
  let server: KserveTestServer;
  let dir: string;

  const letters = async (query = '') => readAll<DeadLetter>(api, `/v1/inference/dead-letters?limit=200${query}`);
  const enrichedIds = async () =>
    new Set(
      (await api.call<{ data: { recordId: string }[] }>('GET', '/v1/enrichments?entity=order&limit=500')).body.data.map(
        (e) => e.recordId,
      ),
    );
  const inferIdle = async () => {
    const counts = await hub.app.get(QueueDriver).counts(QueueName.Infer);
    return counts.waiting === 0 && counts.active === 0 ? counts : undefined;
  };

  beforeAll(async () => {
    server = await startKserveTestServer({
      model: 'order-anomaly',
      version: '1',
      onnxPath: ORDER_ANOMALY_ONNX,
      input: 'features',
      output: 'anomaly_score',
      width: FEATURE_WIDTH,
    });
    dir = mkdtempSync(join(tmpdir(), 'trestle-inference-dlq-'));
    const file = join(dir, 'models.json');
    writeFileSync(
      file,
      JSON.stringify({
        models: [
          {
            ...remote,
            enabled: true,
            provider: { ...remote.provider, baseUrl: server.url, timeoutMs: 1_000, retries: 1 },
            batching: { maxBatch: 8, maxWaitMs: 2 },
          },
        ],
      }),
    );
    fixture = await startHubWithLegacySystems(
      { INFERENCE_MODELS_FILE: file, SYNC_PAGE_SIZE: '10', JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '50' },
      {
        first: { customers: 12, ordersPerCustomer: 2, linesPerOrder: 2, seed: 11 },
        second: { customers: 8, ordersPerCustomer: 2, linesPerOrder: 2, seed: 12 },
      },
    );
    ({ hub, api } = fixture);
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dead-letters exactly the records the model fails on, scores the others of the same jobs, and replays', async () => {
    server.failRows((row) => row[CANCELLED] === 1, 500);
    const { connectionId } = fixture.legacy.first;

    const run = await waitForRun(api, (await startSync(api, connectionId, 'order', 'full')).id);

    expect(run.status).toBe('succeeded');
    const stored = await readAll<StoredOrder>(api, `/v1/orders?mode=store&connectionId=${connectionId}&limit=100`);
    const poisoned = new Set(stored.filter((o) => input.build(o as never)[CANCELLED] === 1).map((o) => o.id));
    expect(poisoned.size).toBeGreaterThan(0);
    expect(poisoned.size).toBeLessThan(stored.length);
    const open = await eventually(async () => {
      const found = await letters();
      return found.length >= poisoned.size && (await inferIdle()) ? found : undefined;
    });
    expect(new Set(open.map((l) => l.recordId))).toEqual(poisoned);
    expect(open[0]).toMatchObject({
      entity: 'order',
      connectionId,
      model: 'order-anomaly-remote',
      version: '1',
      code: 'provider_unavailable',
      reason: expect.stringContaining('answered 500: model failed on an input'),
      attempts: 2,
      inputHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      jobId: expect.any(String),
      status: 'open',
      occurrences: 1,
    });
    const enriched = await enrichedIds();
    expect(new Set(stored.map((o) => o.id).filter((id) => enriched.has(id)))).toEqual(
      new Set(stored.map((o) => o.id).filter((id) => !poisoned.has(id))),
    );
    expect((await hub.app.get(QueueDriver).counts(QueueName.Infer)).failed).toBe(0);

    server.failRows(undefined);
    const [one, ...rest] = open;
    const single = await api.call<{ replayed: number; failed: number; data: DeadLetter[] }>(
      'POST',
      `/v1/inference/dead-letters/${one.id}/replay`,
      {},
    );
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ replayed: 1, failed: 0, data: [{ id: one.id, status: 'replayed' }] });
    expect((await enrichedIds()).has(one.recordId)).toBe(true);
    const again = await api.call('POST', `/v1/inference/dead-letters/${one.id}/replay`, {});
    expect(again.status).toBe(409);

    const bulk = await api.call<{ replayed: number; failed: number }>('POST', '/v1/inference/dead-letters/replay', {
      model: 'order-anomaly-remote',
    });
    expect(bulk.body).toEqual(expect.objectContaining({ replayed: rest.length, failed: 0 }));
    expect(await letters()).toEqual([]);
    expect(await letters('&status=replayed')).toHaveLength(poisoned.size);
    const all = await enrichedIds();
    expect(stored.every((o) => all.has(o.id))).toBe(true);
  }, 60_000);

  it('with the provider down, every job dead-letters its records after the retries and completes; syncs go on', async () => {
    server.setDown(true);
    const { connectionId } = fixture.legacy.second;

    const orders = await waitForRun(api, (await startSync(api, connectionId, 'order', 'full')).id);
    const customers = await waitForRun(api, (await startSync(api, connectionId, 'customer', 'full')).id);

    expect(orders.status).toBe('succeeded');
    expect(customers.status).toBe('succeeded');
    expect(customers.progress.written).toBeGreaterThan(0);
    const stored = await readAll<StoredOrder>(api, `/v1/orders?mode=store&connectionId=${connectionId}&limit=100`);
    const open = await eventually(async () => {
      const found = await letters(`&connectionId=${connectionId}`);
      return found.length >= stored.length && (await inferIdle()) ? found : undefined;
    });
    expect(new Set(open.map((l) => l.recordId))).toEqual(new Set(stored.map((o) => o.id)));
    expect(open.every((l) => l.code === 'provider_unreachable' && l.attempts === 2)).toBe(true);
    expect(new Set(open.map((l) => l.jobId)).size).toBe(Math.ceil(stored.length / 10));
    expect((await hub.app.get(QueueDriver).counts(QueueName.Infer)).failed).toBe(0);
    const enriched = await enrichedIds();
    expect(stored.some((o) => enriched.has(o.id))).toBe(false);

    const stillDown = await api.call<{ replayed: number; failed: number; data: DeadLetter[] }>(
      'POST',
      '/v1/inference/dead-letters/replay',
      { limit: 3 },
    );
    expect(stillDown.body).toMatchObject({ replayed: 0, failed: 3 });
    expect(stillDown.body.data.every((l) => l.status === 'open' && l.occurrences === 2)).toBe(true);

    const discarded = await api.call<DeadLetter>('POST', `/v1/inference/dead-letters/${open[0].id}/discard`, {});
    expect(discarded.body).toMatchObject({ id: open[0].id, status: 'discarded' });
    expect((await api.call('POST', `/v1/inference/dead-letters/${open[0].id}/discard`, {})).status).toBe(409);

    server.setDown(false);
    const back = await api.call<{ replayed: number; failed: number }>('POST', '/v1/inference/dead-letters/replay', {
      entity: 'order',
      limit: 500,
    });
    expect(back.body).toMatchObject({ replayed: stored.length - 1, failed: 0 });
    const after = await enrichedIds();
    expect(stored.filter((o) => !after.has(o.id)).map((o) => o.id)).toEqual([open[0].recordId]);
  }, 90_000);

  it('lists with filters and paging, and keeps letters to their tenant and scopes', async () => {
    const page = await api.call<{ data: DeadLetter[]; cursor: string | null }>(
      'GET',
      '/v1/inference/dead-letters?status=replayed&limit=2',
    );
    expect(page.body.data).toHaveLength(2);
    expect(page.body.cursor).toEqual(expect.any(String));
    const next = await api.call<{ data: DeadLetter[] }>(
      'GET',
      `/v1/inference/dead-letters?status=replayed&limit=2&cursor=${page.body.cursor}`,
    );
    expect(next.body.data.map((l) => l.id)).not.toContain(page.body.data[0].id);

    const other = await hub.mintKey([Scope.EntitiesRead], 'other-tenant');
    const foreign = await hub.app.inject({
      method: 'GET',
      url: `/v1/inference/dead-letters/${page.body.data[0].id}`,
      headers: bearer(other),
    });
    expect(foreign.statusCode).toBe(404);
    const reader = await hub.mintKey([Scope.EntitiesRead]);
    const refused = await hub.app.inject({
      method: 'POST',
      url: '/v1/inference/dead-letters/replay',
      headers: bearer(reader),
      payload: {},
    });
    expect(refused.statusCode).toBe(403);
    const bad = await api.call('GET', '/v1/inference/dead-letters?cursor=nonsense');
    expect(bad.status).toBe(400);
  });
});

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
