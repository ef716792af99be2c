import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLegacySqlite } from '../test/harness/legacy-sqlite';
import { createTemporaryPostgres, TemporaryDatabase } from '../test/harness/temporary-postgres';
import {
  alternate,
  bearer,
  load,
  LoadResult,
  pairedRatio,
  report,
  roundRatios,
  SMOKE,
  startBenchHub,
} from './bench-harness';

/**
 * Audit on vs audit off, same process, same workloads, alternating rounds:
 * reads (GET a page of customers from a live SQL legacy system) and writes (PATCH a customer,
 * which waits for its audit event to be committed). Targets: throughput >= 90% of audit off
 * (the median over rounds of on / off in the same round), p99 added <= 3 ms.
 */
const ON_POSTGRES = process.argv.includes('--postgres');
const ROUNDS = SMOKE ? 1 : 6;
const SECONDS = SMOKE ? 2 : 5;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trestle-bench-audit-'));
  const databases: TemporaryDatabase[] = [];
  const hubDatabase = async (name: string): Promise<Record<string, string>> => {
    if (!ON_POSTGRES) return { SQLITE_PATH: join(dir, `hub-${name}.sqlite`) };
    const database = await createTemporaryPostgres('trestle_bench');
    databases.push(database);
    return { DATABASE_URL: database.url, SECRETS_KEY: Buffer.alloc(32, 9).toString('base64') };
  };
  const definition = await loadConnectorDefinition(
    join(__dirname, '..', 'adapters', 'sql', 'examples', 'legacy-sql.connector.yaml'),
  );
  const hubs = await Promise.all(
    (['true', 'false'] as const).map(async (auditEnabled) => {
      const legacy = join(dir, `legacy-${auditEnabled}.sqlite`);
      createLegacySqlite(legacy, { customers: 200 });
      const hub = await startBenchHub({
        AUDIT_ENABLED: auditEnabled,
        LOG_LEVEL: 'silent',
        ...(await hubDatabase(auditEnabled)),
      });
      const created = await fetch(`${hub.url}/v1/connections`, {
        method: 'POST',
        headers: { ...bearer(hub.adminKey), 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench', definition, settings: { dialect: 'sqlite', file: legacy } }),
      }).then((r) => r.json() as Promise<{ id: string }>);
      const first = await fetch(`${hub.url}/v1/connections/${created.id}/customers?limit=1`, {
        headers: bearer(hub.adminKey),
      }).then((r) => r.json() as Promise<{ data: { id: string }[] }>);
      return { hub, connectionId: created.id, customerId: first.data[0].id };
    }),
  );
  const [on, off] = hubs;
  try {
    const reads = await alternate(ROUNDS, {
      on: () =>
        load(on.hub.url, {
          path: `/v1/connections/${on.connectionId}/customers?limit=10`,
          headers: bearer(on.hub.adminKey),
          seconds: SECONDS,
        }),
      off: () =>
        load(off.hub.url, {
          path: `/v1/connections/${off.connectionId}/customers?limit=10`,
          headers: bearer(off.hub.adminKey),
          seconds: SECONDS,
        }),
    });
    const writes = await alternate(ROUNDS, {
      on: () =>
        load(on.hub.url, {
          method: 'PATCH',
          path: `/v1/customers/${on.customerId}`,
          body: { phone: '+49 30 1234567' },
          headers: bearer(on.hub.adminKey),
          seconds: SECONDS,
        }),
      off: () =>
        load(off.hub.url, {
          method: 'PATCH',
          path: `/v1/customers/${off.customerId}`,
          body: { phone: '+49 30 1234567' },
          headers: bearer(off.hub.adminKey),
          seconds: SECONDS,
        }),
    });
    const readsRatio = pairedRatio(reads.on, reads.off);
    const writesRatio = pairedRatio(writes.on, writes.off);
    report(
      `Audit overhead (${ON_POSTGRES ? 'PostgreSQL' : 'SQLite'} hub, SQL legacy system, 10 connections)`,
      {
        'rounds (seconds each)': `${ROUNDS} (${SECONDS})`,
        'reads req/s audit on / off, best round': `${reads.on.rps.toFixed(0)} / ${reads.off.rps.toFixed(0)}`,
        'reads p99 ms audit on / off': `${reads.on.p99} / ${reads.off.p99}`,
        'writes req/s audit on / off, best round': `${writes.on.rps.toFixed(0)} / ${writes.off.rps.toFixed(0)}`,
        'writes p99 ms audit on / off': `${writes.on.p99} / ${writes.off.p99}`,
        'reads event-loop CPU µs/request on / off': cpu(reads, 'eventLoopCpuUs'),
        'writes event-loop CPU µs/request on / off': cpu(writes, 'eventLoopCpuUs'),
        ...(ON_POSTGRES
          ? {
              'reads PostgreSQL CPU µs/request on / off': cpu(reads, 'postgresCpuUs'),
              'writes PostgreSQL CPU µs/request on / off': cpu(writes, 'postgresCpuUs'),
            }
          : {}),
        'reads on / off per round': spread(roundRatios(reads.on, reads.off)),
        'writes on / off per round': spread(roundRatios(writes.on, writes.off)),
        'errors (on, off)': `${reads.on.errors + writes.on.errors}, ${reads.off.errors + writes.off.errors}`,
      },
      [
        {
          name: 'reads throughput ratio',
          value: readsRatio,
          target: '>= 0.90',
          pass: readsRatio >= 0.9,
        },
        {
          name: 'writes throughput ratio',
          value: writesRatio,
          target: '>= 0.90',
          pass: writesRatio >= 0.9,
        },
        {
          name: 'reads p99 added (ms)',
          value: reads.on.p99 - reads.off.p99,
          target: '<= 3',
          pass: reads.on.p99 - reads.off.p99 <= 3,
        },
        {
          name: 'writes p99 added (ms)',
          value: writes.on.p99 - writes.off.p99,
          target: '<= 3',
          pass: writes.on.p99 - writes.off.p99 <= 3,
        },
        {
          name: 'no failed requests',
          value: reads.on.errors + writes.on.errors + reads.off.errors + writes.off.errors,
          target: '0',
          pass: reads.on.errors + writes.on.errors + reads.off.errors + writes.off.errors === 0,
        },
      ],
    );
  } finally {
    await Promise.all(hubs.map(({ hub }) => hub.close()));
    await Promise.all(databases.map((database) => database.drop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

function cpu(result: { on: LoadResult; off: LoadResult }, key: 'eventLoopCpuUs' | 'postgresCpuUs'): string {
  return `${result.on[key].toFixed(0)} / ${result.off[key].toFixed(0)}`;
}

function spread(values: number[]): string {
  return `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
