/**
 * What the change-event outbox adds to a store commit: pages of N customers upserted into
 * canonical_records in one transaction, alone and with ChangeOutbox.append in the same
 * transaction, alternating (ABAB) in one run on a fresh PostgreSQL (or SQLite) database.
 * Every page is new records, so every record produces an event (the worst case).
 *
 *   node -r @swc-node/register test/events/outbox-overhead.measure.ts [--sqlite] [--pages 20] [--page 1000]
 */
import 'reflect-metadata';
import { trustedTenantId } from '@trestle/auth';
import { dataSourceOptions } from '@trestle/database';
import { ChangeOutbox, recordChanges } from '@trestle/events';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { createTemporaryPostgres } from '../harness/temporary-postgres';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const PAGES = option('--pages', 20);
const PAGE = option('--page', 1000);
const SQLITE = args.includes('--sqlite');
const tenantId = trustedTenantId('default');
const connectionId = randomUUID();
const COLUMNS = [
  'id',
  'tenant_id',
  'connection_id',
  'entity',
  'source_id',
  'data',
  'content_hash',
  'raw_hash',
  'version',
];
const MORE = ['mapping_version', 'modified_at', 'fetched_at', 'created_at', 'updated_at'];

function page(round: number, index: number) {
  return Array.from({ length: PAGE }, (_, i) => {
    const sourceId = `C${String(index * PAGE + i).padStart(7, '0')}`;
    return {
      id: `cus_${connectionId}:${sourceId}`,
      connectionId,
      entity: 'customer',
      sourceId,
      fetchedAt: new Date().toISOString(),
      data: JSON.stringify({
        name: `Customer ${sourceId} round ${round}`,
        email: `buyer${i}@example.com`,
        phone: '+49 30 1234567',
        status: 'active',
        creditLimit: { amount: '1000.00', currency: 'EUR' },
        createdAt: '2019-03-04',
        updatedAt: '2024-06-01T10:00:00Z',
      }),
    };
  });
}

async function upsert(manager: EntityManager, records: ReturnType<typeof page>, postgres: boolean) {
  const now = new Date().toISOString();
  const width = COLUMNS.length + MORE.length;
  let n = 0;
  const tuple = () => `(${Array.from({ length: width }, () => (postgres ? `$${++n}` : '?')).join(', ')})`;
  const params = records.flatMap((r) => [
    r.id,
    tenantId,
    r.connectionId,
    'customer',
    r.sourceId,
    r.data,
    createHash('sha256').update(r.data).digest('hex'),
    'raw',
    1,
    'measure@1',
    now,
    r.fetchedAt,
    now,
    now,
  ]);
  const all = [...COLUMNS, ...MORE];
  return (await manager.query(
    `INSERT INTO canonical_records (${all.join(', ')}) VALUES ${records.map(tuple).join(', ')} ` +
      'ON CONFLICT (tenant_id, connection_id, entity, source_id) DO UPDATE SET data = excluded.data, ' +
      'content_hash = excluded.content_hash, updated_at = excluded.updated_at, version = canonical_records.version + 1 ' +
      'WHERE canonical_records.content_hash <> excluded.content_hash RETURNING id, version',
    params,
  )) as { id: string; version: number }[];
}

async function main(): Promise<void> {
  const folder = SQLITE ? mkdtempSync(join(tmpdir(), 'trestle-outbox-')) : undefined;
  const database = SQLITE ? undefined : await createTemporaryPostgres('trestle_outbox_measure');
  const dataSource = new DataSource(
    dataSourceOptions({
      databaseUrl: database?.url,
      sqlitePath: folder ? join(folder, 'measure.sqlite') : '',
      databasePoolSize: 4,
    }),
  );
  await dataSource.initialize();
  const outbox = new ChangeOutbox(dataSource, { appended: () => undefined } as never);
  const postgres = !SQLITE;
  const seconds = { alone: 0, withEvents: 0 };
  let events = 0;
  try {
    for (let round = 0; round < 2 * PAGES; round++) {
      const withEvents = round % 2 === 1;
      const records = page(round, round);
      const started = performance.now();
      await dataSource.transaction(async (manager) => {
        const rows = await upsert(manager, records, postgres);
        if (withEvents) {
          const changes = recordChanges(tenantId, records, rows);
          events += changes.length;
          for (let start = 0; start < changes.length; start += 500) {
            await outbox.append(manager, changes.slice(start, start + 500));
          }
        }
      });
      seconds[withEvents ? 'withEvents' : 'alone'] += (performance.now() - started) / 1000;
    }
  } finally {
    await dataSource.destroy();
    await database?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
  const rate = (s: number) => Math.round((PAGES * PAGE) / s);
  console.log(
    JSON.stringify({
      database: SQLITE ? 'sqlite' : 'postgres',
      pages: PAGES,
      pageSize: PAGE,
      events,
      upsertOnly: { recordsPerSecond: rate(seconds.alone), msPerPage: +((seconds.alone * 1000) / PAGES).toFixed(1) },
      withOutbox: {
        recordsPerSecond: rate(seconds.withEvents),
        msPerPage: +((seconds.withEvents * 1000) / PAGES).toFixed(1),
      },
      ratio: +(seconds.alone / seconds.withEvents).toFixed(2),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
