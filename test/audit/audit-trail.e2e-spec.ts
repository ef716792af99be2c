import { AuditEventRepository, AuditWriter, AuditVerifier } from '@trestle/audit';
import { trustedTenantId } from '@trestle/auth';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bearer, startTestHub, TestHub } from '../harness/hub';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('audit capture', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  afterAll(() => hub.close());

  const events = (query = '') =>
    hub.app
      .inject({ method: 'GET', url: `/v1/audit/events${query}`, headers: bearer(hub.adminKey) })
      .then((r) => r.json().data);

  const graphql = (query: string) =>
    hub.app.inject({ method: 'POST', url: '/graphql', headers: bearer(hub.adminKey), payload: { query } });

  it('records a mutating REST call, committed before the answer, with hashes of both bodies', async () => {
    const payload = { name: 'audited', scopes: ['entities:read'] };
    const response = await hub.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(hub.adminKey),
      payload,
    });
    const requestId = response.headers['x-request-id'] as string;
    const rows = await hub.app.get(DataSource).query('SELECT * FROM audit_events WHERE request_id = ?', [requestId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenant_id: 'default',
      actor: `api-key:${hub.adminKey.slice(4, 16)}`,
      action: 'POST /v1/api-keys',
      resource: '/v1/api-keys',
      outcome: 'success',
      status: '201',
      request_hash: sha256(JSON.stringify(payload)),
      response_hash: sha256(response.body),
    });
    expect(JSON.stringify(rows)).not.toContain(response.json().key);
    expect(rows[0].bodies).toBeNull();
  });

  it('records refused calls under the unauthenticated tenant and reads (eventually) too', async () => {
    await hub.app.inject({ method: 'GET', url: '/v1/connections', headers: bearer('trk_000000000000_nope') });
    const read = await hub.app.inject({ method: 'GET', url: '/v1/connections', headers: bearer(hub.adminKey) });
    await hub.app.get(AuditWriter).drain();
    const refused = await hub.app
      .get(DataSource)
      .query(`SELECT * FROM audit_events WHERE tenant_id = '_unauthenticated'`);
    expect(
      refused.some((row: { status: string; actor: string }) => row.status === '401' && row.actor === 'anonymous'),
    ).toBe(true);
    const found = await events(`?requestId=${read.headers['x-request-id']}`);
    expect(found).toEqual([expect.objectContaining({ action: 'GET /v1/connections', outcome: 'success' })]);
  });

  it('records GraphQL operations by type and name', async () => {
    const response = await graphql('query RecentAudit { auditEvents(limit: 1) { data { seq } } }');
    expect(response.statusCode).toBe(200);
    await hub.app.get(AuditWriter).drain();
    const found = await events(`?requestId=${response.headers['x-request-id']}`);
    expect(found[0]).toMatchObject({ action: 'graphql query RecentAudit', outcome: 'success' });
  });

  it('commits a GraphQL mutation before answering it', async () => {
    const response = await graphql('mutation Check { verifyAuditChain { ok } }');
    expect(response.json().data.verifyAuditChain.ok).toBe(true);
    const rows = await hub.app
      .get(DataSource)
      .query('SELECT action, outcome FROM audit_events WHERE request_id = ?', [response.headers['x-request-id']]);
    expect(rows).toEqual([{ action: 'graphql mutation Check', outcome: 'success' }]);
  });

  it('filters by action and outcome and pages with a cursor', async () => {
    for (let i = 0; i < 5; i += 1) {
      await hub.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: bearer(hub.adminKey),
        payload: { name: `k${i}`, scopes: ['audit:read'] },
      });
    }
    const first = await hub.app.inject({
      method: 'GET',
      url: '/v1/audit/events?action=POST%20/v1/api-keys&outcome=success&limit=2',
      headers: bearer(hub.adminKey),
    });
    const page1 = first.json();
    expect(page1.data).toHaveLength(2);
    expect(page1.cursor).toEqual(expect.any(String));
    const page2 = (
      await hub.app.inject({
        method: 'GET',
        url: `/v1/audit/events?action=POST%20/v1/api-keys&outcome=success&limit=2&cursor=${page1.cursor}`,
        headers: bearer(hub.adminKey),
      })
    ).json();
    expect(page2.data[0].seq).toBeLessThan(page1.data[1].seq);
    expect([...page1.data, ...page2.data].every((e: { action: string }) => e.action === 'POST /v1/api-keys')).toBe(
      true,
    );
  });

  it("never shows one tenant's events to another", async () => {
    const other = await hub.mintKey(['audit:read' as never], 'globex');
    const theirs = (await hub.app.inject({ method: 'GET', url: '/v1/audit/events', headers: bearer(other) })).json()
      .data;
    expect(theirs.every((e: { tenantId: string }) => e.tenantId === 'globex')).toBe(true);
    const verify = await hub.app.inject({ method: 'POST', url: '/v1/audit/verify', headers: bearer(other) });
    expect(verify.json().ok).toBe(true);
  });

  it('answers a mutating call 503 when its event cannot be committed, and a read as usual', async () => {
    const createKey = (name: string) =>
      hub.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: bearer(hub.adminKey),
        payload: { name, scopes: ['audit:read'] },
      });
    const append = jest
      .spyOn(hub.app.get(AuditEventRepository), 'append')
      .mockRejectedValue(new Error('audit store down'));
    try {
      const read = await hub.app.inject({ method: 'GET', url: '/v1/connections', headers: bearer(hub.adminKey) });
      expect(read.statusCode).toBe(200);
      const write = await createKey('unprovable');
      expect(write.statusCode).toBe(503);
      expect(write.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(write.json()).toMatchObject({ code: 'unavailable', requestId: write.headers['x-request-id'] });
      expect(write.body).not.toContain('trk_');
    } finally {
      append.mockRestore();
    }
    expect((await createKey('provable')).statusCode).toBe(201);
  });
});

describe('audit capture with AUDIT_CAPTURE_BODIES', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ AUDIT_CAPTURE_BODIES: 'true' });
  });

  afterAll(() => hub.close());

  const bodiesOf = async (requestId: string) => {
    const [row] = await hub.app
      .get(DataSource)
      .query('SELECT bodies FROM audit_events WHERE request_id = ?', [requestId]);
    return JSON.parse(row.bodies) as { request?: unknown; response?: unknown };
  };

  it('keeps both bodies with the key it minted redacted', async () => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(hub.adminKey),
      payload: { name: 'with bodies', scopes: ['entities:read'] },
    });
    expect(response.statusCode).toBe(201);
    const bodies = await bodiesOf(response.headers['x-request-id'] as string);
    expect(bodies.request).toEqual({ name: 'with bodies', scopes: ['entities:read'] });
    expect(bodies.response).toMatchObject({ name: 'with bodies', key: '[redacted]' });
    expect(JSON.stringify(bodies)).not.toContain(response.json().key);
  });

  it('keeps the body of a refused call with its sensitive fields redacted', async () => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(hub.adminKey),
      payload: { name: 'refused', scopes: ['entities:read'], login: { user: 'ada', password: 'hunter2' } },
    });
    expect(response.statusCode).toBe(400);
    const bodies = await bodiesOf(response.headers['x-request-id'] as string);
    expect(bodies.request).toEqual({
      name: 'refused',
      scopes: ['entities:read'],
      login: { user: 'ada', password: '[redacted]' },
    });
    expect(bodies.response).toMatchObject({ status: 400 });
    expect(JSON.stringify(bodies)).not.toContain('hunter2');
  });
});

describe('tamper evidence', () => {
  let hub: TestHub;
  let db: DataSource;
  const tenant = trustedTenantId('tamper');

  beforeEach(async () => {
    hub = await startTestHub();
    db = hub.app.get(DataSource);
    const writer = hub.app.get(AuditWriter);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writer.record(
          { tenantId: tenant, actor: 'system:test', action: `step.${i}`, resource: 'r', outcome: 'success' },
          { durable: true },
        ),
      ),
    );
  });

  afterEach(() => hub.close());

  const verify = () => hub.app.get(AuditVerifier).verify(tenant);

  it('verifies an untouched chain', async () => {
    await expect(verify()).resolves.toMatchObject({ ok: true, checked: 10, firstSeq: 1, lastSeq: 10 });
  });

  it('finds an edited event', async () => {
    await db.query(`UPDATE audit_events SET actor = 'someone-else' WHERE tenant_id = ? AND seq = 4`, [tenant]);
    await expect(verify()).resolves.toMatchObject({ ok: false, failure: { seq: 4, problem: 'edited' } });
  });

  it('finds a deleted event', async () => {
    await db.query(`DELETE FROM audit_events WHERE tenant_id = ? AND seq = 6`, [tenant]);
    await expect(verify()).resolves.toMatchObject({ ok: false, failure: { seq: 6, problem: 'missing' } });
  });

  it('finds a deleted tail through the chain head', async () => {
    await db.query(`DELETE FROM audit_events WHERE tenant_id = ? AND seq = 10`, [tenant]);
    await expect(verify()).resolves.toMatchObject({ ok: false, failure: { seq: 10, problem: 'missing' } });
  });

  it('finds an inserted event even when the forger recomputes its hash', async () => {
    const { eventHash } = jest.requireActual(
      '../../libs/audit/src/chain/audit-hash',
    ) as typeof import('../../libs/audit/src/chain/audit-hash');
    await db.query(`UPDATE audit_events SET seq = seq + 100 WHERE tenant_id = ? AND seq >= 5`, [tenant]);
    await db.query(`UPDATE audit_events SET seq = seq - 99 WHERE tenant_id = ? AND seq >= 105`, [tenant]);
    const [four] = await db.query(`SELECT * FROM audit_events WHERE tenant_id = ? AND seq = 4`, [tenant]);
    const forged = {
      tenantId: tenant,
      seq: 5,
      occurredAt: four.occurred_at,
      actor: 'system:test',
      action: 'forged',
      resource: 'r',
      connectionId: null,
      requestId: null,
      outcome: 'success',
      status: null,
      durationMs: null,
      requestHash: null,
      responseHash: null,
      details: null,
      bodies: null,
      prevHash: four.hash,
    };
    await db.query(
      `INSERT INTO audit_events (tenant_id, seq, occurred_at, actor, action, resource, outcome, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)`,
      [
        tenant,
        5,
        forged.occurredAt,
        forged.actor,
        forged.action,
        forged.resource,
        forged.outcome,
        forged.prevHash,
        eventHash(forged as never),
      ],
    );
    await expect(verify()).resolves.toMatchObject({ ok: false, failure: { seq: 6, problem: 'edited' } });
  });

  it('finds two events swapped', async () => {
    await db.query(`UPDATE audit_events SET seq = -1 WHERE tenant_id = ? AND seq = 2`, [tenant]);
    await db.query(`UPDATE audit_events SET seq = 2 WHERE tenant_id = ? AND seq = 3`, [tenant]);
    await db.query(`UPDATE audit_events SET seq = 3 WHERE tenant_id = ? AND seq = -1`, [tenant]);
    await expect(verify()).resolves.toMatchObject({ ok: false, failure: { seq: 2 } });
  });
});
