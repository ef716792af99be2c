import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { OutboundCallEvents } from '@trestle/connectors';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { countRows, createLegacySqlite } from '../harness/legacy-sqlite';
import { bearer, startTestHub, TestHub } from '../harness/hub';

const DEFINITION_FILE = join(__dirname, '..', '..', 'adapters', 'sql', 'examples', 'legacy-sql.connector.yaml');

describe('unified REST API over live legacy systems', () => {
  let hub: TestHub;
  let dir: string;
  let erp: string;
  let crm: string;
  let erpFile: string;
  let definition: object;

  const call = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => hub.app.inject({ method, url, payload, headers: { ...bearer(hub.adminKey), ...headers } });

  const createConnection = async (name: string, file: string) => {
    const response = await call('POST', '/v1/connections', {
      name,
      definition,
      settings: { dialect: 'sqlite', file },
      resilience: { timeoutMs: 2000, retries: 0 },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };

  beforeAll(async () => {
    definition = await loadConnectorDefinition(DEFINITION_FILE);
    dir = mkdtempSync(join(tmpdir(), 'trestle-unified-'));
    erpFile = join(dir, 'erp.sqlite');
    createLegacySqlite(erpFile, { customers: 120, orders: 30, namePrefix: 'Erp Customer' });
    createLegacySqlite(join(dir, 'crm.sqlite'), { customers: 15, namePrefix: 'Crm Account' });
    hub = await startTestHub();
    erp = await createConnection('erp', erpFile);
    crm = await createConnection('crm', join(dir, 'crm.sqlite'));
  });

  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists customers across every connection, paging to the end with next links', async () => {
    const seen: { id: string; source: { connectionId: string } }[] = [];
    let next: string | null = '/v1/customers?limit=50';
    let pages = 0;
    while (next) {
      const response = await call('GET', next);
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page.mode).toBe('live');
      seen.push(...page.data);
      next = page.next;
      pages += 1;
      expect(pages).toBeLessThan(20);
    }
    expect(seen).toHaveLength(135);
    expect(new Set(seen.map((c) => c.id)).size).toBe(135);
    expect(seen.filter((c) => c.source.connectionId === erp)).toHaveLength(120);
    expect(seen.filter((c) => c.source.connectionId === crm)).toHaveLength(15);
  });

  it('maps legacy fields onto the canonical model', async () => {
    const page = (await call('GET', `/v1/connections/${erp}/customers?limit=1`)).json();
    expect(page.data[0]).toEqual({
      id: expect.stringMatching(/^cus_/),
      source: { connectionId: erp, sourceId: 'C000001', fetchedAt: expect.any(String) },
      name: 'Erp Customer 1',
      email: 'buyer1@example.com',
      phone: '+49 30 0000001',
      status: 'active',
      creditLimit: { amount: '1000.01', currency: 'EUR' },
      createdAt: '2019-02-02',
      updatedAt: '2024-06-01T00:00:00.000Z',
    });
  });

  it('filters by status and by text', async () => {
    const blocked = (await call('GET', `/v1/connections/${erp}/customers?status=blocked&limit=200`)).json().data;
    expect(blocked.length).toBe(12);
    expect(blocked.every((c: { status: string }) => c.status === 'blocked')).toBe(true);
    const found = (await call('GET', `/v1/customers?q=crm%20account%207&limit=200`)).json();
    const names = [] as string[];
    let page = found;
    for (;;) {
      names.push(...page.data.map((c: { name: string }) => c.name));
      if (!page.next) break;
      page = (await call('GET', page.next)).json();
    }
    expect(names).toEqual(['Crm Account 7']);
  });

  it('gets one record by its stable id', async () => {
    const listed = (await call('GET', `/v1/connections/${crm}/customers?limit=3`)).json().data[2];
    const again = (await call('GET', `/v1/connections/${crm}/customers?limit=3`)).json().data[2];
    expect(again.id).toBe(listed.id);
    const fetched = await call('GET', `/v1/customers/${listed.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toMatchObject({ id: listed.id, name: listed.name, source: { sourceId: 'C000003' } });
  });

  it('creates once per Idempotency-Key and never calls the legacy system twice', async () => {
    const calls: string[] = [];
    const unsubscribe = hub.app
      .get(OutboundCallEvents)
      .subscribe((c) => c.operation === 'create' && calls.push(c.connectionId));
    const body = { name: 'Idempotent Traders', email: 'ops@idempotent.example', status: 'active' };
    const headers = { 'idempotency-key': 'create-idem-1' };
    const before = countRows(erpFile, 'CUSTMAST');
    const url = `/v1/connections/${erp}/customers?sourceId=C900001`;
    const first = await call('POST', url, { ...body }, headers);
    const second = await call('POST', url, { ...body }, headers);
    unsubscribe();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ name: 'Idempotent Traders', source: { sourceId: 'C900001' } });
    expect(countRows(erpFile, 'CUSTMAST')).toBe(before + 1);
    expect(calls).toEqual([erp]);

    const reused = await call('POST', url, { ...body, name: 'Other' }, headers);
    expect(reused.statusCode).toBe(422);
  });

  it('updates a record live', async () => {
    const target = (await call('GET', `/v1/connections/${erp}/customers?limit=1`)).json().data[0];
    const updated = await call('PATCH', `/v1/customers/${target.id}`, { name: 'Renamed GmbH', status: 'blocked' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id: target.id, name: 'Renamed GmbH', status: 'blocked' });
    expect((await call('GET', `/v1/customers/${target.id}`)).json().name).toBe('Renamed GmbH');
  });

  it('runs a declared raw operation through passthrough, and refuses undeclared ones', async () => {
    const response = await call('POST', `/v1/connections/${erp}/passthrough`, {
      operation: 'orderLines',
      args: { orderNo: 'SO000002' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      operation: 'orderLines',
      result: [expect.objectContaining({ LIN_NO: 1, QTY: 2 })],
    });
    const refused = await call('POST', `/v1/connections/${erp}/passthrough`, { operation: 'dropEverything', args: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('operation');
  });

  it.each([
    ['an unknown connection', () => `/v1/connections/${randomUUID()}/customers`, 404, 'not_found'],
    ['a malformed connection id', () => '/v1/connections/not-a-uuid/customers', 400, 'bad_request'],
    ['an id that is not a hub id', () => '/v1/customers/xyz', 404, 'not_found'],
    [
      'an unknown record',
      () => `/v1/customers/cus_${Buffer.from(`${erp}:C999999`).toString('base64url')}`,
      404,
      'upstream_not_found',
    ],
    ['an unknown read mode', () => '/v1/customers?mode=cache', 400, 'validation_failed'],
    ['a forged cursor', () => '/v1/customers?cursor=bm9wZQ', 400, 'validation_failed'],
  ])('answers %s with problem+json', async (_, url, status, code) => {
    const response = await call('GET', url());
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.json().code).toBe(code);
  });

  it('names each bad field of a write', async () => {
    const response = await call('POST', `/v1/connections/${erp}/customers`, {
      name: '',
      email: 'not-mail',
      creditLimit: { amount: 1.5 },
      shoeSize: 42,
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['name', 'email', 'creditLimit.amount', 'creditLimit.currency', 'shoeSize']),
    );
  });

  it('answers 502 with the adapter code when the legacy system is gone, and other connections keep working', async () => {
    const broken = await createConnection('gone', join(dir, 'missing', 'nowhere.sqlite'));
    const response = await call('GET', `/v1/connections/${broken}/customers`);
    expect([502, 503]).toContain(response.statusCode);
    expect(response.json().code).toMatch(/^upstream_|circuit_open/);
    expect(response.json().upstream.code).toEqual(expect.any(String));
    expect((await call('GET', `/v1/connections/${crm}/customers?limit=1`)).statusCode).toBe(200);
  });
});
