import { trustedTenantId } from '@trestle/auth';
import { Scope } from '@trestle/core';
import {
  compileInputBuilder,
  DriftAlert,
  DriftAlertSink,
  EnrichableRecord,
  InferenceService,
  loadModelsFile,
} from '@trestle/inference';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, startTestHub, TestHub } from '../harness/hub';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';
import { MODELS_FILE } from './order-anomaly.fixture';

interface DriftReport {
  status: string;
  alerting: boolean;
  threshold: number;
  reference?: { source: string; size: number };
  window?: { records: number };
  features: { name: string; kind: string; psi: number | null; drifted: boolean; bins: unknown[] }[];
}

const REFERENCE = 300;
const CURRENT = 300;
const DRIFT = { referenceSize: REFERENCE, minSamples: 200, bins: 10, threshold: 0.2 };
const shipped = loadModelsFile(MODELS_FILE).find((model) => model.name === 'order-anomaly');
if (!shipped) throw new Error('models.yaml declares no order-anomaly');
const builder = compileInputBuilder(shipped.name, shipped.input);
const COLUMNS = [...builder.columns, shipped.output.enrichment];

/** Deterministic uniform numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    state ^= state + Math.imul(state ^ (state >>> 7), 61);
    return ((state ^ (state >>> 14)) >>> 0) / 4294967296;
  };
}

/** Canonical orders; `drifted` ones are far bigger and mostly cancelled. */
function orders(prefix: string, count: number, seed: number, drifted: boolean): EnrichableRecord[] {
  const next = random(seed);
  const statuses = drifted
    ? ['cancelled', 'cancelled', 'cancelled', 'open']
    : ['open', 'confirmed', 'shipped', 'invoiced', 'confirmed', 'shipped'];
  return Array.from({ length: count }, (_, i) => {
    const lines = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, line) => ({
      lineNo: (line + 1) * 10,
      quantity: String(1 + Math.floor(next() * 20)),
      unitPrice: { amount: ((drifted ? 40 : 1) * (5 + next() * 195)).toFixed(2), currency: 'EUR' },
    }));
    const day = 1 + Math.floor(next() * 28);
    return {
      id: `ord_${prefix}_${i}`,
      source: {
        connectionId: '00000000-0000-4000-8000-000000000001',
        sourceId: `${prefix}${i}`,
        fetchedAt: '2026-01-01T00:00:00Z',
      },
      number: `SO${String(i).padStart(7, '0')}`,
      orderedAt: `2026-02-${String(day).padStart(2, '0')}T10:00:00Z`,
      status: statuses[Math.floor(next() * statuses.length)],
      total: { amount: '0.00', currency: next() < 0.8 ? 'EUR' : 'USD' },
      lines,
    };
  });
}

/** PSI as its definition gives it, computed here from the raw values, apart from the hub's code. */
function expectedPsi(reference: number[], current: number[], bins: number): number {
  const sorted = [...reference].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let k = 1; k < bins; k++) {
    const h = ((sorted.length - 1) * k) / bins;
    const lo = Math.floor(h);
    const value = sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
    if (!cuts.includes(value) && (cuts.length === 0 || value > cuts[cuts.length - 1])) cuts.push(value);
  }
  const share = (values: number[], bin: number) =>
    values.filter((x) => (bin === 0 || x > cuts[bin - 1]) && (bin === cuts.length || x <= cuts[bin])).length /
    values.length;
  let psi = 0;
  for (let bin = 0; bin <= cuts.length; bin++) {
    const e = Math.max(share(reference, bin), 1e-4);
    const a = Math.max(share(current, bin), 1e-4);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

describe.each(['postgres', 'sqlite'] as const)('model drift (PSI per input and score) on %s', (kind) => {
  let database: TemporaryDatabase | undefined;
  let dir: string;
  let env: Record<string, string>;
  let hubA: TestHub;
  let hubB: TestHub;
  const alerts: DriftAlert[] = [];
  const columnValues = new Map<string, { reference: number[][]; current: number[][] }>();

  const score = async (hub: TestHub, tenant: string, records: EnrichableRecord[]) => {
    const rows: number[][] = [];
    for (let start = 0; start < records.length; start += 100) {
      const chunk = records.slice(start, start + 100);
      const outcomes = await hub.app.get(InferenceService).enrich(trustedTenantId(tenant), 'order', chunk);
      outcomes.forEach((outcome, i) => {
        if (!outcome.ok) throw outcome.error;
        rows.push([...(builder.build(chunk[i]) as number[]), outcome.output as number]);
      });
    }
    return rows;
  };
  const report = async (hub: TestHub, tenant: string): Promise<DriftReport> => {
    const key = await hub.mintKey([Scope.EntitiesRead], tenant);
    const response = await hub.app.inject({
      method: 'GET',
      url: '/v1/inference/models/order-anomaly/drift',
      headers: bearer(key),
    });
    expect(response.statusCode).toBe(200);
    return response.json() as DriftReport;
  };
  const auditOf = async (hub: TestHub, tenant: string) => {
    const key = await hub.mintKey([Scope.AuditRead], tenant);
    const response = await hub.app.inject({
      method: 'GET',
      url: '/v1/audit/events?action=inference.drift.detected',
      headers: bearer(key),
    });
    return response.json().data as { resource: string; details: { drifted: { feature: string; psi: number }[] } }[];
  };
  const startHub = async () => {
    const hub = await startTestHub(env);
    jest.spyOn(hub.app.get(DriftAlertSink), 'raise').mockImplementation(async (alert) => {
      alerts.push(alert);
    });
    return hub;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trestle-drift-'));
    const file = join(dir, 'models.json');
    writeFileSync(file, JSON.stringify({ models: [{ ...shipped, drift: DRIFT }] }));
    if (kind === 'postgres') database = await createTemporaryPostgres();
    env = {
      INFERENCE_MODELS_FILE: file,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      ...(database ? { DATABASE_URL: database.url } : { SQLITE_PATH: join(dir, 'hub.sqlite') }),
    };
    hubA = await startHub();

    for (const [tenant, drifted, seed] of [
      ['steady', false, 100],
      ['drifting', true, 200],
    ] as const) {
      const reference = await score(hubA, tenant, orders(`${tenant}r`, REFERENCE, seed, false));
      expect((await report(hubA, tenant)).status).toBe('insufficient');
      const current = orders(`${tenant}c`, CURRENT, seed + 1, drifted);
      const half = CURRENT / 2;
      const first = await score(hubA, tenant, current.slice(0, half));
      columnValues.set(tenant, { reference, current: first });
    }
    if (kind === 'sqlite') {
      await hubA.close();
      hubA = undefined as unknown as TestHub;
    }
    hubB = await startHub();
    for (const [tenant, drifted, seed] of [
      ['steady', false, 100],
      ['drifting', true, 200],
    ] as const) {
      const current = orders(`${tenant}c`, CURRENT, seed + 1, drifted);
      const second = await score(hubB, tenant, current.slice(CURRENT / 2));
      columnValues.get(tenant)?.current.push(...second);
    }
  }, 120_000);

  afterAll(async () => {
    await hubA?.close();
    await hubB?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const psiOf = (tenant: string, column: number) => {
    const values = columnValues.get(tenant);
    if (!values) throw new Error(`no values for ${tenant}`);
    return expectedPsi(
      values.reference.map((row) => row[column]),
      values.current.map((row) => row[column]),
      DRIFT.bins,
    );
  };

  it('an undrifted distribution: every index matches the independent PSI, all under the threshold, no alert', async () => {
    const drift = await report(hubB, 'steady');

    expect(drift).toMatchObject({ status: 'monitoring', alerting: false, threshold: 0.2 });
    expect(drift.reference).toMatchObject({ source: 'first', size: REFERENCE });
    expect(drift.window?.records).toBe(CURRENT);
    expect(drift.features.map((f) => f.name)).toEqual(COLUMNS);
    drift.features.forEach((feature, column) => {
      expect(feature.psi).toBeCloseTo(psiOf('steady', column), 9);
      expect(feature.psi as number).toBeLessThan(0.2);
      expect(feature.drifted).toBe(false);
    });
    expect(drift.features.find((f) => f.name === 'riskScore')?.kind).toBe('output');
    expect(alerts.filter((a) => a.tenantId === 'steady')).toEqual([]);
    expect(await auditOf(hubB, 'steady')).toEqual([]);
  });

  it('a drifted distribution: the indexes match the independent PSI, cross the threshold and raise one alert', async () => {
    const drift = await report(hubB, 'drifting');

    expect(drift).toMatchObject({ status: 'monitoring', alerting: true });
    drift.features.forEach((feature, column) => expect(feature.psi).toBeCloseTo(psiOf('drifting', column), 9));
    const amount = drift.features.find((f) => f.name === 'log_amount');
    const cancelled = drift.features.find((f) => f.name === 'status_cancelled');
    expect(amount?.psi as number).toBeGreaterThan(1);
    expect(cancelled?.drifted).toBe(true);
    const raised = alerts.filter((a) => a.tenantId === 'drifting');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      type: 'inference.drift.detected',
      subject: 'inference/models/order-anomaly',
      data: { model: 'order-anomaly', version: '1', threshold: 0.2 },
    });
    expect(raised[0].data.changed).toEqual(expect.arrayContaining(['log_amount', 'status_cancelled']));
    const audited = await auditOf(hubB, 'drifting');
    expect(audited).toHaveLength(1);
    expect(audited[0].resource).toBe('inference/models/order-anomaly');
    expect(audited[0].details.drifted.map((f) => f.feature)).toEqual(expect.arrayContaining(['log_amount']));
  });

  it('several processes agree: the other hub reports the same numbers from the same tables', async () => {
    if (!hubA) {
      const again = await startHub();
      expect((await report(again, 'drifting')).features).toEqual((await report(hubB, 'drifting')).features);
      await again.close();
      return;
    }
    expect((await report(hubA, 'drifting')).features).toEqual((await report(hubB, 'drifting')).features);
    expect((await report(hubA, 'steady')).features).toEqual((await report(hubB, 'steady')).features);
  });

  it('exposes the indexes in /metrics', async () => {
    await report(hubB, 'drifting');
    const metrics = await hubB.app.inject({ method: 'GET', url: '/metrics', headers: bearer(hubB.adminKey) });
    const line = metrics.body
      .split('\n')
      .find(
        (l) =>
          l.startsWith('trestle_inference_drift_psi{') &&
          l.includes('tenant="drifting"') &&
          l.includes('feature="log_amount"'),
      );

    expect(line).toBeDefined();
    expect(Number(line?.split(' ').pop())).toBeCloseTo(psiOf('drifting', 0), 9);
    expect(metrics.body).toMatch(
      /trestle_inference_drift_alerting\{tenant="drifting",model="order-anomaly",version="1"\} 1/,
    );
  });

  it('raises no second alert while the drift lasts, and pins the current window as the new reference', async () => {
    await score(hubB, 'drifting', orders('driftingx', 100, 300, true));
    expect(alerts.filter((a) => a.tenantId === 'drifting')).toHaveLength(1);

    const admin = await hubB.mintKey([Scope.ConnectionsAdmin, Scope.EntitiesRead], 'drifting');
    const pinned = await hubB.app.inject({
      method: 'POST',
      url: '/v1/inference/models/order-anomaly/drift/reference',
      headers: bearer(admin),
      payload: { from: 'current' },
    });
    expect(pinned.statusCode).toBe(200);
    const after = pinned.json() as DriftReport;
    expect(after).toMatchObject({ alerting: false, reference: { source: 'pinned', size: CURRENT + 100 } });
    expect(after.features.every((f) => f.psi === 0)).toBe(true);

    const restarted = await hubB.app.inject({
      method: 'POST',
      url: '/v1/inference/models/order-anomaly/drift/reference',
      headers: bearer(admin),
      payload: { from: 'restart' },
    });
    expect(restarted.json()).toMatchObject({ status: 'collecting', reference: { collected: 0, size: REFERENCE } });
    const reader = await hubB.mintKey([Scope.EntitiesRead], 'drifting');
    const refused = await hubB.app.inject({
      method: 'POST',
      url: '/v1/inference/models/order-anomaly/drift/reference',
      headers: bearer(reader),
      payload: { from: 'restart' },
    });
    expect(refused.statusCode).toBe(403);
    const unknown = await hubB.app.inject({
      method: 'GET',
      url: '/v1/inference/models/no-such-model/drift',
      headers: bearer(reader),
    });
    expect(unknown.statusCode).toBe(404);
  });
});
