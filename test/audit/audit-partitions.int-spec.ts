import { AuditRetention, AuditVerifier, AuditWriter } from '@trestle/audit';
import { trustedTenantId } from '@trestle/auth';
import { dataSourceOptions, POSTGRES_MIGRATIONS } from '@trestle/database';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startTestHub, TestHub } from '../harness/hub';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';

const { EMPTY_TIP, extendChain, tipOf } = jest.requireActual(
  '../../libs/audit/src/chain/audit-chain',
) as typeof import('../../libs/audit/src/chain/audit-chain');

const SECRETS_KEY = Buffer.alloc(32, 5).toString('base64');
const run = promisify(execFile);
const DAY = 86_400_000;
const now = new Date();
const monthStart = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
const partitionOf = (offset: number) =>
  `audit_events_p${monthStart(offset).toISOString().slice(0, 7).replace('-', '')}`;

async function partitions(db: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await db.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'audit_events'::regclass ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/** A session that bypasses triggers, as only a superuser tampering by hand could. */
async function tamper(database: TemporaryDatabase, sql: string, params: unknown[]): Promise<void> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

describe('audit partitions on PostgreSQL', () => {
  let database: TemporaryDatabase;
  let hub: TestHub;
  let db: DataSource;
  let archive: string;

  beforeAll(async () => {
    archive = mkdtempSync(join(tmpdir(), 'trestle-audit-archive-'));
    database = await createTemporaryPostgres();
    hub = await startTestHub({
      DATABASE_URL: database.url,
      SECRETS_KEY,
      AUDIT_RETENTION_DAYS: '30',
      AUDIT_ARCHIVE_DIR: archive,
    });
    db = hub.app.get(DataSource);
  });

  afterAll(async () => {
    await hub?.close();
    await database?.drop();
    rmSync(archive, { recursive: true, force: true });
  });

  const record = (tenant: string, action: string, occurredAt?: Date) =>
    hub.app.get(AuditWriter).record(
      { tenantId: tenant, actor: 'system:test', action, resource: 'r', outcome: 'success', occurredAt },
      {
        durable: true,
      },
    );
  const verify = (tenant: string) => hub.app.get(AuditVerifier).verify(trustedTenantId(tenant));
  const countOf = async (table: string, tenant: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM "${table}" WHERE tenant_id = $1`, [tenant]))[0].n);

  it('partitions by month ahead of time, with a default partition, each refusing UPDATE, DELETE and TRUNCATE', async () => {
    const [{ strategy }] = await db.query(
      `SELECT partstrat AS strategy FROM pg_partitioned_table WHERE partrelid = 'audit_events'::regclass`,
    );
    expect(strategy).toBe('r');
    expect(await partitions(db)).toEqual(
      expect.arrayContaining([partitionOf(0), partitionOf(1), partitionOf(2), 'audit_events_default']),
    );

    for (const offset of [0, 1, 2])
      await record('layout', `month.${offset}`, new Date(monthStart(offset).getTime() + DAY));
    for (const table of [partitionOf(0), partitionOf(1), partitionOf(2)]) {
      expect(await countOf(table, 'layout')).toBe(1);
      await expect(db.query(`UPDATE "${table}" SET actor = 'x'`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM "${table}"`)).rejects.toThrow(/append-only/);
      await expect(db.query(`TRUNCATE "${table}"`)).rejects.toThrow(/append-only/);
      expect(await countOf(table, 'layout')).toBe(1);
    }
    await expect(verify('layout')).resolves.toMatchObject({ ok: true, checked: 3 });
  });

  it('moves events that fell into the default partition into a monthly one without changing them', async () => {
    await record('far-future', 'clock.skewed', new Date(Date.UTC(2099, 4, 17)));
    expect(await countOf('audit_events_default', 'far-future')).toBe(1);
    await expect(db.query(`DELETE FROM "audit_events_default"`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE "audit_events_default"`)).rejects.toThrow(/append-only/);

    await hub.app.get(AuditRetention).preparePartitions();
    expect(await countOf('audit_events_default', 'far-future')).toBe(0);
    expect(await countOf('audit_events_p209905', 'far-future')).toBe(1);
    await expect(db.query(`TRUNCATE "audit_events_p209905"`)).rejects.toThrow(/append-only/);
    await expect(verify('far-future')).resolves.toMatchObject({ ok: true, checked: 1 });
  });

  it('drops whole partitions past retention; every chain still verifies and tampering is still found', async () => {
    const at = (offset: number, day: number) => new Date(monthStart(offset).getTime() + day * DAY);
    await record('alpha', 'old.1', at(-4, 10));
    await record('alpha', 'old.2', at(-4, 11));
    await record('beta', 'old.1', at(-4, 12));
    await record('alpha', 'old.3', at(-3, 5));
    await record('beta', 'kept.1', at(-1, 3));
    await record('beta', 'kept.2', at(-1, 4));
    await record('alpha', 'recent.1');
    await record('alpha', 'recent.2');
    await record('beta', 'recent.1');

    const sweepAt = new Date(monthStart(0).getTime() + 14 * DAY);
    const dropped = await hub.app.get(AuditRetention).sweep(sweepAt);

    expect(dropped).toBe(4);
    const left = await partitions(db);
    expect(left).not.toContain(partitionOf(-4));
    expect(left).not.toContain(partitionOf(-3));
    expect(left).toEqual(expect.arrayContaining([partitionOf(-1), partitionOf(0), 'audit_events_default']));
    expect(await countOf('audit_events', 'alpha')).toBe(2);
    expect(await countOf('audit_events', 'beta')).toBe(3);
    const heads: { tenant_id: string; anchor_seq: number }[] = await db.query(
      `SELECT tenant_id, anchor_seq FROM audit_chain_heads WHERE tenant_id IN ('alpha', 'beta') ORDER BY 1`,
    );
    expect(heads).toEqual([
      { tenant_id: 'alpha', anchor_seq: 3 },
      { tenant_id: 'beta', anchor_seq: 1 },
    ]);
    await expect(verify('alpha')).resolves.toMatchObject({ ok: true, checked: 2, firstSeq: 4, lastSeq: 5 });
    await expect(verify('beta')).resolves.toMatchObject({ ok: true, checked: 3, firstSeq: 2, lastSeq: 4 });
    await expect(verify('layout')).resolves.toMatchObject({ ok: true, checked: 3 });

    const jwks = join(archive, 'jwks.json');
    writeFileSync(jwks, (await hub.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).body);
    const archived = async (partition: string, tenant: string) => {
      const file = join(archive, partition, `${tenant}.ndjson`);
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      const { stdout } = await run(process.execPath, ['scripts/verify-audit-export.mjs', file, jwks]);
      expect(stdout).toMatch(new RegExp(`^OK: ${lines.length - 1} events`));
      return lines.slice(0, -1).map((line) => (JSON.parse(line) as { seq: number }).seq);
    };
    expect(await archived(partitionOf(-4), 'alpha')).toEqual([1, 2]);
    expect(await archived(partitionOf(-4), 'beta')).toEqual([1]);
    expect(await archived(partitionOf(-3), 'alpha')).toEqual([3]);

    await record('alpha', 'after.cut');
    await expect(verify('alpha')).resolves.toMatchObject({ ok: true, checked: 3, lastSeq: 6 });

    await expect(db.query(`UPDATE audit_events SET actor = 'x' WHERE tenant_id = 'alpha'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query(`DELETE FROM audit_events WHERE tenant_id = 'beta'`)).rejects.toThrow(/append-only/);

    await tamper(database, `UPDATE audit_events SET actor = 'someone-else' WHERE tenant_id = 'alpha' AND seq = 5`, []);
    await expect(verify('alpha')).resolves.toMatchObject({ ok: false, failure: { seq: 5, problem: 'edited' } });

    await tamper(database, `DELETE FROM audit_events WHERE tenant_id = 'beta' AND seq = 2`, []);
    await expect(verify('beta')).resolves.toMatchObject({ ok: false, failure: { seq: 2, problem: 'missing' } });
  });

  it('finds an event slipped in below the cut', async () => {
    await record('gamma', 'old', new Date(monthStart(-4).getTime() + DAY));
    await record('gamma', 'recent');
    await hub.app.get(AuditRetention).sweep(new Date(monthStart(0).getTime() + 14 * DAY));
    await expect(verify('gamma')).resolves.toMatchObject({ ok: true, checked: 1, firstSeq: 2 });

    const [kept] = await db.query(`SELECT * FROM audit_events WHERE tenant_id = 'gamma'`);
    await tamper(
      database,
      `INSERT INTO audit_events (tenant_id, seq, occurred_at, actor, action, resource, outcome, prev_hash, hash)
       VALUES ('gamma', 1, $1, 'system:test', 'forged', 'r', 'success', $2, $3)`,
      [kept.occurred_at, EMPTY_TIP.hash, kept.prev_hash],
    );
    await expect(verify('gamma')).resolves.toMatchObject({ ok: false, failure: { seq: 2, problem: 'reordered' } });
  });

  it('refuses to drop a partition when an event elsewhere precedes the cut, rather than break a chain', async () => {
    await record('delta', 'old', new Date(monthStart(-4).getTime() + DAY));
    await record('delta', 'recent');
    const [old] = await db.query(`SELECT * FROM audit_events WHERE tenant_id = 'delta' AND seq = 1`);
    await tamper(
      database,
      `INSERT INTO audit_events (tenant_id, seq, occurred_at, actor, action, resource, outcome, prev_hash, hash)
       VALUES ('delta', 1, $1, 'system:test', 'late', 'r', 'success', $2, $3)`,
      [new Date().toISOString(), old.prev_hash, old.hash],
    );

    await expect(hub.app.get(AuditRetention).sweep(new Date(monthStart(0).getTime() + 14 * DAY))).rejects.toThrow(
      /does not end a chain prefix/,
    );
    expect(await partitions(db)).toContain(partitionOf(-4));
    expect(await countOf(partitionOf(-4), 'delta')).toBe(1);
  });
});

describe('audit partition migration', () => {
  let database: TemporaryDatabase;
  let hub: TestHub | undefined;

  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  it('converts an existing audit table into partitions, keeping every event and the chain', async () => {
    database = await createTemporaryPostgres();
    const before = POSTGRES_MIGRATIONS.findIndex((migration) => migration.name.startsWith('AuditPartitions'));
    expect(before).toBeGreaterThan(0);
    const old = new DataSource({
      ...dataSourceOptions({ databaseUrl: database.url, sqlitePath: '', databasePoolSize: 2 }),
      migrations: POSTGRES_MIGRATIONS.slice(0, before),
      migrationsRun: false,
    });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    const times = [monthStart(-2), monthStart(-1), monthStart(0)].map((month) => new Date(month.getTime() + DAY));
    const rows = extendChain(
      EMPTY_TIP,
      times.map((time, i) => ({
        tenantId: 'legacy',
        occurredAt: time.toISOString(),
        actor: 'system:test',
        action: `before.${i}`,
        resource: 'r',
        connectionId: null,
        requestId: null,
        outcome: 'success' as const,
        status: '200',
        durationMs: 3,
        requestHash: null,
        responseHash: null,
        details: '{"n":1}',
        bodies: null,
      })),
    );
    for (const row of rows) {
      await old.query(
        `INSERT INTO audit_events (tenant_id, seq, occurred_at, actor, action, resource, outcome, status, duration_ms, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          row.tenantId,
          row.seq,
          row.occurredAt,
          row.actor,
          row.action,
          row.resource,
          row.outcome,
          row.status,
          row.durationMs,
          row.details,
          row.prevHash,
          row.hash,
        ],
      );
    }
    const tip = tipOf(rows, EMPTY_TIP);
    await old.query(`INSERT INTO audit_chain_heads (tenant_id, seq, hash) VALUES ('legacy', $1, $2)`, [
      tip.seq,
      tip.hash,
    ]);
    await old.destroy();

    hub = await startTestHub({ DATABASE_URL: database.url, SECRETS_KEY });
    const db = hub.app.get(DataSource);
    expect(await partitions(db)).toEqual(
      expect.arrayContaining([
        partitionOf(-2),
        partitionOf(-1),
        partitionOf(0),
        partitionOf(2),
        'audit_events_default',
      ]),
    );
    for (const offset of [-2, -1, 0]) {
      const [{ n }] = await db.query(`SELECT count(*) AS n FROM "${partitionOf(offset)}" WHERE tenant_id = 'legacy'`);
      expect(Number(n)).toBe(1);
    }
    const verifier = hub.app.get(AuditVerifier);
    await expect(verifier.verify(trustedTenantId('legacy'))).resolves.toMatchObject({ ok: true, checked: 3 });
    await hub.app.get(AuditWriter).record(
      { tenantId: 'legacy', actor: 'system:test', action: 'after', resource: 'r', outcome: 'success' },
      {
        durable: true,
      },
    );
    await expect(verifier.verify(trustedTenantId('legacy'))).resolves.toMatchObject({ ok: true, checked: 4 });
    await expect(db.query(`DELETE FROM audit_events WHERE tenant_id = 'legacy'`)).rejects.toThrow(/append-only/);
  });
});
