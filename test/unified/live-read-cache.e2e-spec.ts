import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { AuditWriter } from '@trestle/audit';
import { Scope } from '@trestle/core';
import { DEFAULT_CRM_CLIENT, RestCrm, startRestCrm } from '@trestle/simulators';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { bearer, startTestHub, TestHub } from '../harness/hub';

const DEFINITION_FILE = join(__dirname, '..', '..', 'adapters', 'rest', 'examples', 'rest-crm.connector.yaml');
const LIST = 'GET /api/v2/accounts';
const GET = 'GET /api/v2/accounts/:id';

describe('read cache of mode=live', () => {
  let hub: TestHub;
  let crm: RestCrm;
  let definition: object;

  const call = (method: 'GET' | 'PATCH', url: string, key = hub.adminKey, payload?: object) =>
    hub.app.inject({ method, url, headers: bearer(key), payload });

  const connect = async (name: string, readCache?: object, key = hub.adminKey) => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: bearer(key),
      payload: {
        name,
        definition,
        settings: { baseUrl: crm.url },
        credentials: { ...DEFAULT_CRM_CLIENT },
        resilience: { retries: 0, ...(readCache && { readCache }) },
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };

  const listCalls = () => crm.callCount(LIST);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    definition = await loadConnectorDefinition(DEFINITION_FILE);
    crm = await startRestCrm({ rateLimit: false, accounts: 30, latencyMs: 30 });
    hub = await startTestHub();
  });

  afterAll(async () => {
    await hub.close();
    await crm.close();
  });

  it('answers 100 identical concurrent live reads with one call to the legacy system', async () => {
    const id = await connect('coalesced', { ttlMs: 60_000 });
    const before = listCalls();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => call('GET', `/v1/connections/${id}/customers?limit=10`)),
    );
    expect(answers.every((answer) => answer.statusCode === 200)).toBe(true);
    expect(listCalls() - before).toBe(1);
    const bodies = new Set(answers.map((answer) => JSON.stringify(answer.json().data)));
    expect(bodies.size).toBe(1);
    const outcomes = answers.map((answer) => answer.headers['x-trestle-cache']);
    expect(outcomes.filter((outcome) => outcome === 'miss')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'coalesced')).toHaveLength(99);

    const again = await call('GET', `/v1/connections/${id}/customers?limit=10`);
    expect(again.headers['x-trestle-cache']).toBe('hit');
    expect(Number(again.headers.age)).toBeGreaterThanOrEqual(0);
    expect(listCalls() - before).toBe(1);
  });

  it('calls the system again once the TTL has passed', async () => {
    const id = await connect('ttl', { ttlMs: 300 });
    const before = listCalls();
    expect((await call('GET', `/v1/connections/${id}/customers?limit=5`)).headers['x-trestle-cache']).toBe('miss');
    expect((await call('GET', `/v1/connections/${id}/customers?limit=5`)).headers['x-trestle-cache']).toBe('hit');
    expect(listCalls() - before).toBe(1);
    await sleep(350);
    expect((await call('GET', `/v1/connections/${id}/customers?limit=5`)).headers['x-trestle-cache']).toBe('miss');
    expect(listCalls() - before).toBe(2);
  });

  it('serves a stale answer within the stale window and refreshes it exactly once', async () => {
    const id = await connect('stale', { ttlMs: 200, staleWhileRevalidateMs: 5_000 });
    const first = (await call('GET', `/v1/connections/${id}/customers?limit=3`)).json().data[0];
    crm.mutate('accounts', first.source.sourceId, { display_name: 'Renamed Behind The Back' });
    await sleep(250);
    const before = listCalls();
    const stale = await Promise.all(
      Array.from({ length: 5 }, () => call('GET', `/v1/connections/${id}/customers?limit=3`)),
    );
    expect(stale.map((answer) => answer.headers['x-trestle-cache'])).toEqual(Array(5).fill('stale'));
    expect(stale.every((answer) => answer.json().data[0].name === first.name)).toBe(true);
    expect(Number(stale[0].headers.age)).toBeGreaterThanOrEqual(0);
    await sleep(150);
    expect(listCalls() - before).toBe(1);
    const fresh = await call('GET', `/v1/connections/${id}/customers?limit=3`);
    expect(fresh.headers['x-trestle-cache']).toBe('hit');
    const refreshed = fresh.json().data.find((record: { id: string }) => record.id === first.id);
    expect(refreshed?.name).toBe('Renamed Behind The Back');
    expect(listCalls() - before).toBe(1);
  });

  it('drops cached pages and records of an entity written through the hub', async () => {
    const id = await connect('written', { ttlMs: 60_000 });
    const page = (await call('GET', `/v1/connections/${id}/customers?limit=3`)).json();
    const record = page.data[0];
    expect((await call('GET', `/v1/customers/${record.id}`)).headers['x-trestle-cache']).toBe('miss');
    expect((await call('GET', `/v1/customers/${record.id}`)).headers['x-trestle-cache']).toBe('hit');

    const updated = await call('PATCH', `/v1/customers/${record.id}`, hub.adminKey, { name: 'Written Through Hub' });
    expect(updated.statusCode).toBe(200);

    const listBefore = listCalls();
    const getBefore = crm.callCount(GET);
    const listed = await call('GET', `/v1/connections/${id}/customers?limit=3`);
    expect(listed.headers['x-trestle-cache']).toBe('miss');
    expect(listed.json().data[0].name).toBe('Written Through Hub');
    const got = await call('GET', `/v1/customers/${record.id}`);
    expect(got.headers['x-trestle-cache']).toBe('miss');
    expect(got.json().name).toBe('Written Through Hub');
    expect(listCalls() - listBefore).toBe(1);
    expect(crm.callCount(GET) - getBefore).toBe(1);
  });

  it("keeps each caller's and each tenant's cache apart", async () => {
    const id = await connect('callers', { ttlMs: 60_000 });
    const reader = await hub.mintKey([Scope.EntitiesRead]);
    expect((await call('GET', `/v1/connections/${id}/customers?limit=4`)).headers['x-trestle-cache']).toBe('miss');
    expect((await call('GET', `/v1/connections/${id}/customers?limit=4`, reader)).headers['x-trestle-cache']).toBe(
      'miss',
    );

    const shared = await connect('shared', { ttlMs: 60_000, shareAcrossCallers: true });
    expect((await call('GET', `/v1/connections/${shared}/customers?limit=4`)).headers['x-trestle-cache']).toBe('miss');
    expect((await call('GET', `/v1/connections/${shared}/customers?limit=4`, reader)).headers['x-trestle-cache']).toBe(
      'hit',
    );

    const otherAdmin = await hub.mintKey([Scope.Admin], 'globex');
    const refused = await call('GET', `/v1/connections/${shared}/customers?limit=4`, otherAdmin);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['x-trestle-cache']).toBeUndefined();
    const theirs = await connect('shared', { ttlMs: 60_000, shareAcrossCallers: true }, otherAdmin);
    const answer = await call('GET', `/v1/connections/${theirs}/customers?limit=4`, otherAdmin);
    expect(answer.headers['x-trestle-cache']).toBe('miss');
    expect(
      answer.json().data.every((r: { source: { connectionId: string } }) => r.source.connectionId === theirs),
    ).toBe(true);
  });

  it('audits every inbound read but an outbound call only when one happened', async () => {
    const id = await connect('audited', { ttlMs: 60_000 });
    const miss = await call('GET', `/v1/connections/${id}/customers?limit=2`);
    const hit = await call('GET', `/v1/connections/${id}/customers?limit=2`);
    expect(hit.headers['x-trestle-cache']).toBe('hit');
    await hub.app.get(AuditWriter).drain();
    const actions = async (requestId: unknown) =>
      (
        (await hub.app
          .get(DataSource)
          .query('SELECT action FROM audit_events WHERE request_id = ? ORDER BY action', [requestId])) as {
          action: string;
        }[]
      ).map((row) => row.action);
    expect(await actions(miss.headers['x-request-id'])).toEqual([
      'GET /v1/connections/:connectionId/customers',
      'adapter.list',
    ]);
    expect(await actions(hit.headers['x-request-id'])).toEqual(['GET /v1/connections/:connectionId/customers']);
  });

  it('leaves connections without a read cache uncached', async () => {
    const id = await connect('uncached');
    const before = listCalls();
    const answer = await call('GET', `/v1/connections/${id}/customers?limit=2`);
    await call('GET', `/v1/connections/${id}/customers?limit=2`);
    expect(answer.headers['x-trestle-cache']).toBeUndefined();
    expect(listCalls() - before).toBe(2);
  });

  it('shows hits, misses and the hit ratio per connection in /metrics', async () => {
    const id = await connect('measured', { ttlMs: 60_000 });
    for (let i = 0; i < 4; i += 1) await call('GET', `/v1/connections/${id}/customers?limit=2`);
    const metrics = (await call('GET', '/metrics')).body;
    expect(metrics).toContain(`trestle_live_cache_reads_total{connection="${id}",outcome="miss"} 1`);
    expect(metrics).toContain(`trestle_live_cache_reads_total{connection="${id}",outcome="hit"} 3`);
    expect(metrics).toContain(`trestle_live_cache_hit_ratio{connection="${id}"} 0.75`);
  });

  it('validates read cache settings', async () => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: bearer(hub.adminKey),
      payload: {
        name: 'bad-cache',
        definition,
        settings: { baseUrl: crm.url },
        credentials: { ...DEFAULT_CRM_CLIENT },
        resilience: { readCache: { ttlMs: 0, maxEntries: -1, extra: true } },
      },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'resilience.readCache.ttlMs',
        'resilience.readCache.maxEntries',
        'resilience.readCache.extra',
      ]),
    );
  });
});
