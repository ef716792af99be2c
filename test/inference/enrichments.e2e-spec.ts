import { trustedTenantId } from '@trestle/auth';
import { Scope } from '@trestle/core';
import { InferenceError, InferenceService } from '@trestle/inference';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, startTestHub, TestHub } from '../harness/hub';
import { VECTORS } from './order-anomaly.fixture';

interface Enrichment {
  entity: string;
  recordId: string;
  model: string;
  version: string;
  field: string;
  output: unknown;
  inputHash: string;
  createdAt: string;
}

interface AuditEvent {
  action: string;
  actor: string;
  resource: string;
  outcome: string;
  status: string | null;
  durationMs: number | null;
  requestHash: string | null;
  details: Record<string, unknown> | null;
}

const DEFAULT = trustedTenantId('default');
const orders = VECTORS.cases.slice(0, 8);

describe('enrichments through the hub', () => {
  let hub: TestHub;
  let reader: string;
  const get = async <T>(url: string, key = reader) => {
    const response = await hub.app.inject({ method: 'GET', url, headers: bearer(key) });
    return { status: response.statusCode, body: response.json() as T };
  };
  const decisions = async () =>
    (await get<{ data: AuditEvent[] }>('/v1/audit/events?action=inference.decision&limit=500', hub.adminKey)).body.data;

  beforeAll(async () => {
    hub = await startTestHub();
    reader = await hub.mintKey([Scope.EntitiesRead]);
  });

  afterAll(() => hub.close());

  it('scores orders with the shipped model, stores the enrichment and audits each decision', async () => {
    const outcomes = await hub.app.get(InferenceService).enrich(
      DEFAULT,
      'order',
      orders.map((c) => c.record),
    );

    expect(outcomes).toHaveLength(orders.length);
    outcomes.forEach((outcome, i) => {
      expect(outcome).toMatchObject({
        ok: true,
        model: 'order-anomaly',
        version: '1',
        field: 'riskScore',
        cached: false,
      });
      expect(Math.abs((outcome as { output: number }).output - orders[i].score)).toBeLessThan(1e-5);
    });

    const events = await decisions();
    expect(events).toHaveLength(orders.length);
    const first = events.find((event) => event.resource === `order/${orders[0].record.id}`);
    expect(first).toMatchObject({
      actor: 'system:inference',
      outcome: 'success',
      status: 'ok',
      requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      durationMs: expect.any(Number),
      details: {
        model: 'order-anomaly',
        version: '1',
        provider: 'onnx',
        inputHash: first?.requestHash,
        enrichment: 'order.riskScore',
        output: expect.any(Number),
        latencyMs: expect.any(Number),
      },
    });
  });

  it('serves the enrichment of a record over REST (GET /v1/enrichments) with entities:read', async () => {
    const { status, body } = await get<{ data: Enrichment[] }>(
      `/v1/enrichments?entity=order&recordId=${encodeURIComponent(String(orders[0].record.id))}`,
    );

    expect(status).toBe(200);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      entity: 'order',
      recordId: orders[0].record.id,
      model: 'order-anomaly',
      version: '1',
      field: 'riskScore',
      inputHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(Math.abs((body.data[0].output as number) - orders[0].score)).toBeLessThan(1e-5);
  });

  it('serves the same through GraphQL enrichments(entity, recordId)', async () => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: bearer(reader),
      payload: {
        query: `query($recordId: String) { enrichments(entity: "order", recordId: $recordId) { entity recordId model version field outputJson inputHash createdAt } }`,
        variables: { recordId: orders[1].record.id },
      },
    });

    expect(response.statusCode).toBe(200);
    const [enrichment] = response.json().data.enrichments;
    expect(enrichment).toMatchObject({ entity: 'order', recordId: orders[1].record.id, model: 'order-anomaly' });
    expect(Math.abs(JSON.parse(enrichment.outputJson) - orders[1].score)).toBeLessThan(1e-5);
  });

  it('does not score the same input twice: a replay is answered from the store, with no new decision', async () => {
    const before = (await decisions()).length;

    const outcomes = await hub.app.get(InferenceService).enrich(
      DEFAULT,
      'order',
      orders.map((c) => c.record),
    );

    expect(outcomes.every((outcome) => outcome.ok && outcome.cached)).toBe(true);
    expect(await decisions()).toHaveLength(before);
    const { body } = await get<{ data: Enrichment[] }>(`/v1/enrichments?entity=order&limit=500`);
    expect(body.data).toHaveLength(orders.length);
  });

  it('scores a changed record again and keeps both outputs, newest first', async () => {
    const changed = { ...orders[2].record, status: 'cancelled' };

    const [outcome] = await hub.app.get(InferenceService).enrich(DEFAULT, 'order', [changed]);

    expect(outcome).toMatchObject({ ok: true, cached: false });
    const { body } = await get<{ data: Enrichment[] }>(
      `/v1/enrichments?entity=order&recordId=${encodeURIComponent(String(changed.id))}`,
    );
    expect(body.data).toHaveLength(2);
    expect(body.data[0].inputHash).toBe((outcome as { inputHash: string }).inputHash);
    expect(body.data[1].inputHash).not.toBe(body.data[0].inputHash);
    expect(Date.parse(body.data[0].createdAt)).toBeGreaterThan(Date.parse(body.data[1].createdAt));
  });

  it("keeps tenants apart: another tenant sees none of this tenant's enrichments", async () => {
    const other = await hub.mintKey([Scope.EntitiesRead], 'other-tenant');

    const { status, body } = await get<{ data: Enrichment[] }>(
      `/v1/enrichments?entity=order&recordId=${encodeURIComponent(String(orders[0].record.id))}`,
      other,
    );

    expect(status).toBe(200);
    expect(body.data).toEqual([]);
  });

  it('refuses a record id without its entity, and an unknown entity, as problem+json', async () => {
    const noEntity = await get<{ code: string; errors: { field: string }[] }>('/v1/enrichments?recordId=ord_x');
    const unknown = await get<{ code: string }>('/v1/enrichments?entity=shipment&recordId=x');

    expect(noEntity.status).toBe(400);
    expect(noEntity.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'entity' }] });
    expect(unknown.status).toBe(400);
  });

  it('requires entities:read', async () => {
    const auditor = await hub.mintKey([Scope.AuditRead]);

    expect((await get('/v1/enrichments?entity=order', auditor)).status).toBe(403);
    expect((await hub.app.inject({ method: 'GET', url: '/v1/enrichments' })).statusCode).toBe(401);
  });

  it('lists the declared models and where each runs (GET /v1/inference/models)', async () => {
    const { status, body } = await get<{ data: Record<string, unknown>[] }>('/v1/inference/models');

    expect(status).toBe(200);
    expect(body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'order-anomaly',
          version: '1',
          entity: 'order',
          enrichment: 'riskScore',
          provider: 'onnx',
          enabled: true,
          servedBy: 'onnx order-anomaly-1.onnx (cpu)',
        }),
        expect.objectContaining({ name: 'customer-embedding', provider: 'openai-embeddings', enabled: false }),
      ]),
    );
  });

  it('reports the model in /health/ready', async () => {
    const ready = await hub.app.inject({ method: 'GET', url: '/health/ready' });

    expect(ready.json()).toMatchObject({ details: { inference: { status: 'up', models: { 'order-anomaly': true } } } });
  });
});

describe('a model whose provider is down', () => {
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    dir = mkdtempSync(join(tmpdir(), 'trestle-inference-'));
    const file = join(dir, 'models.json');
    writeFileSync(
      file,
      JSON.stringify({
        models: [
          {
            name: 'order-anomaly-remote',
            version: '1',
            entity: 'order',
            input: { kind: 'tensor', features: [{ name: 'lines', builder: 'array-length', field: 'lines' }] },
            provider: {
              kind: 'kserve-v2',
              baseUrl: `http://127.0.0.1:${port}`,
              model: 'order-anomaly',
              input: 'features',
              output: 'anomaly_score',
              timeoutMs: 500,
              retries: 2,
            },
            output: { enrichment: 'riskScore', scalar: true },
          },
        ],
      }),
    );
    hub = await startTestHub({ INFERENCE_MODELS_FILE: file, INFERENCE_API_KEY: 'remote-secret-key-42' });
  });

  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each record with a typed failure after the retries, audits it, stores nothing, and says not ready', async () => {
    const outcomes = await hub.app.get(InferenceService).enrich(
      DEFAULT,
      'order',
      orders.slice(0, 3).map((c) => c.record),
    );

    expect(outcomes).toHaveLength(3);
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(false);
      const { error } = outcome as { error: InferenceError };
      expect(error).toBeInstanceOf(InferenceError);
      expect(error).toMatchObject({
        code: 'provider_unreachable',
        retryable: true,
        attempts: 3,
        model: 'order-anomaly-remote',
      });
    }
    const events = (
      await hub.app.inject({
        method: 'GET',
        url: '/v1/audit/events?action=inference.decision',
        headers: bearer(hub.adminKey),
      })
    ).json().data as AuditEvent[];
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({
      outcome: 'failure',
      status: 'provider_unreachable',
      details: { model: 'order-anomaly-remote', error: { code: 'provider_unreachable', attempts: 3 } },
    });
    expect(JSON.stringify(events)).not.toContain('remote-secret-key-42');
    const stored = await hub.app.inject({ method: 'GET', url: '/v1/enrichments', headers: bearer(hub.adminKey) });
    expect(stored.json().data).toEqual([]);
    const ready = await hub.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json()).toMatchObject({ details: { inference: { status: 'down' } } });
  });
});
