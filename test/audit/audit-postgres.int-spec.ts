import { AuditEventRepository, AuditRetention, AuditVerifier, AuditWriter } from '@trestle/audit';
import { trustedTenantId } from '@trestle/auth';
import { DataSource } from 'typeorm';
import { startTestHub, TestHub } from '../harness/hub';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';

const SECRETS_KEY = Buffer.alloc(32, 3).toString('base64');

describe('audit trail on PostgreSQL', () => {
  let database: TemporaryDatabase;
  let hubA: TestHub;
  let hubB: TestHub;
  const tenant = trustedTenantId('pg-audit');

  beforeAll(async () => {
    database = await createTemporaryPostgres();
    hubA = await startTestHub({ DATABASE_URL: database.url, SECRETS_KEY, AUDIT_RETENTION_DAYS: '30' });
    hubB = await startTestHub({ DATABASE_URL: database.url, SECRETS_KEY });
  });

  afterAll(async () => {
    await hubA?.close();
    await hubB?.close();
    await database?.drop();
  });

  it('keeps one valid chain while two processes write at once', async () => {
    const write = (hub: TestHub, label: string) =>
      Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          hub.app.get(AuditWriter).record(
            {
              tenantId: tenant,
              actor: `system:${label}`,
              action: 'concurrent',
              resource: `${label}/${i}`,
              outcome: 'success',
            },
            { durable: true },
          ),
        ),
      );
    await Promise.all([write(hubA, 'a'), write(hubB, 'b'), write(hubA, 'c'), write(hubB, 'd')]);
    const result = await hubA.app.get(AuditVerifier).verify(tenant);
    expect(result).toMatchObject({ ok: true, checked: 800, firstSeq: 1, lastSeq: 800 });
  });

  it('appends best-effort events from the append thread, and two processes doing so keep one chain', async () => {
    const shared = trustedTenantId('pg-best-effort');
    const record = (hub: TestHub, label: string, i: number) =>
      void hub.app
        .get(AuditWriter)
        .record({ tenantId: shared, actor: `system:${label}`, action: 'read', resource: `${i}`, outcome: 'success' });
    for (let round = 0; round < 5; round += 1) {
      for (let i = 0; i < 40; i += 1) {
        record(hubA, 'a', i);
        record(hubB, 'b', i);
      }
      await Promise.all([hubA.app.get(AuditWriter).drain(), hubB.app.get(AuditWriter).drain()]);
    }
    await expect(hubA.app.get(AuditVerifier).verify(shared)).resolves.toMatchObject({ ok: true, checked: 400 });
    const threads: { query: string }[] = await hubA.app
      .get(DataSource)
      .query(`SELECT query FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [
        'trestle audit append',
      ]);
    expect(threads.length).toBeGreaterThanOrEqual(2);
    expect(threads.some(({ query }) => query.includes('INSERT INTO "audit_events"'))).toBe(true);
  });

  it('takes turns with another process on one chain: an append on a stale tip commits nothing and retries', async () => {
    const turns = trustedTenantId('pg-turns');
    const record = (hub: TestHub, i: number) =>
      hub.app
        .get(AuditWriter)
        .record(
          { tenantId: turns, actor: 'system:t', action: 'turn', resource: `${i}`, outcome: 'success' },
          { durable: true },
        );
    for (let i = 0; i < 12; i += 1) await record(i % 3 === 0 ? hubB : hubA, i);
    const db = hubA.app.get(DataSource);
    const rows: { seq: number; resource: string }[] = await db.query(
      `SELECT seq, resource FROM audit_events WHERE tenant_id = $1 ORDER BY seq`,
      [turns],
    );
    expect(rows.map((row) => [row.seq, row.resource])).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, `${i}`]));
    await expect(hubB.app.get(AuditVerifier).verify(turns)).resolves.toMatchObject({ ok: true, checked: 12 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows to the application role', async () => {
    const db = hubA.app.get(DataSource);
    await expect(db.query(`UPDATE audit_events SET actor = 'x' WHERE tenant_id = $1`, [tenant])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query(`DELETE FROM audit_events WHERE tenant_id = $1`, [tenant])).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    expect(Number((await db.query(`SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1`, [tenant]))[0].n)).toBe(
      800,
    );
  });

  it('drops events past retention and the rest of the chain still verifies from the cut', async () => {
    const old = trustedTenantId('pg-retention');
    const writer = hubA.app.get(AuditWriter);
    for (let i = 0; i < 5; i += 1) {
      await writer.record(
        {
          tenantId: old,
          actor: 'system:t',
          action: 'old',
          resource: `${i}`,
          outcome: 'success',
          occurredAt: new Date(Date.now() - 90 * 86_400_000),
        },
        { durable: true },
      );
    }
    for (let i = 0; i < 3; i += 1) {
      await writer.record(
        { tenantId: old, actor: 'system:t', action: 'recent', resource: `${i}`, outcome: 'success' },
        { durable: true },
      );
    }
    const dropped = await hubA.app.get(AuditRetention).sweep();
    expect(dropped).toBeGreaterThanOrEqual(5);
    const result = await hubA.app.get(AuditVerifier).verify(old);
    expect(result).toMatchObject({ ok: true, checked: 3, firstSeq: 6, lastSeq: 8 });
  });

  it("appends on the hub's own pool once the append thread is gone, on the same chain", async () => {
    const after = trustedTenantId('pg-after-thread');
    const writer = hubB.app.get(AuditWriter);
    const record = (i: number) =>
      writer.record({ tenantId: after, actor: 'system:t', action: 'read', resource: `${i}`, outcome: 'success' });
    for (let i = 0; i < 10; i += 1) void record(i);
    await writer.drain();
    for (let i = 10; i < 20; i += 1) void record(i);
    await writer.drain();
    await hubB.app.get(AuditEventRepository).close();
    for (let i = 20; i < 30; i += 1) void record(i);
    await writer.drain();
    await expect(
      writer.record(
        { tenantId: after, actor: 'system:t', action: 'write', resource: 'last', outcome: 'success' },
        { durable: true },
      ),
    ).resolves.toBeUndefined();
    await expect(hubB.app.get(AuditVerifier).verify(after)).resolves.toMatchObject({ ok: true, checked: 31 });
  });
});
