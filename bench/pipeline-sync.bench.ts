/**
 * Pipeline sync throughput: N legacy customers in MariaDB (the legacy SQL simulator's CUSTMAST)
 * through the whole pipeline (hub API -> BullMQ on Redis -> worker: SQL adapter pages -> normalize
 * -> canonical store in PostgreSQL) against a baseline in the same run that reads the same rows
 * page by page and bulk-inserts them straight into PostgreSQL. Prints records/s of both, the
 * ratio (target >= 0.5) and peak RSS; exits 1 when the ratio misses the target. Workers run as
 * separate processes, as in production (BENCH_WORKERS, default 2; BENCH_CONCURRENCY per worker).
 * The store's floor is measured too: the canonical records the pipeline stored, written again into
 * a fresh store through the pipeline's own batch writer, as many writers as workers, with no
 * reading, mapping or queue: no pipeline that stores what it must can be faster than that.
 *
 *   node -r @swc-node/register bench/pipeline-sync.bench.ts [--smoke] [--rows N]
 */
import 'reflect-metadata';

process.env.TZ = 'UTC';

import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { readdirSync, readFileSync } from 'node:fs';
import { startTestHub } from '../test/harness/hub';
import { report } from './bench-harness';
import { runHubProcess } from '../test/harness/hub-process';
import { createTemporaryPostgres } from '../test/harness/temporary-postgres';
import { createTemporaryDatabase, seedLegacySql } from '../test/simulators/legacy-sql';
import { createLegacyConnection, injectedCaller, startSync, waitForRun } from '../test/pipeline/pipeline-fixtures';
import { trustedTenantId } from '@trestle/auth';
import { NewCanonicalRecord, NormalizedBatchRepository } from '../libs/pipeline/src/store/normalized-batch.repository';

const TARGET_RATIO = 0.5;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const PAGE = 1000;
const args = process.argv.slice(2);
const rowsArgument = args.indexOf('--rows');
const ROWS = rowsArgument >= 0 ? Number(args[rowsArgument + 1]) : args.includes('--smoke') ? 5_000 : 100_000;

async function baseline(legacyUrl: string, storeUrl: string): Promise<number> {
  const source = await mysql.createConnection(legacyUrl.replace(/^mariadb:/, 'mysql:'));
  const target = new Client({ connectionString: storeUrl });
  await target.connect();
  await target.query('CREATE TABLE baseline_customers (cust_no varchar(10) PRIMARY KEY, row_json text NOT NULL)');
  const cpuBefore = await cpuByPart(storeUrl, [], 'script');
  const started = performance.now();
  let after = '';
  let copied = 0;
  for (;;) {
    const [rows] = await source.query('SELECT * FROM `CUSTMAST` WHERE `CUST_NO` > ? ORDER BY `CUST_NO` LIMIT ?', [
      after,
      PAGE,
    ]);
    const page = rows as Record<string, unknown>[];
    if (page.length === 0) break;
    const params = page.flatMap((row) => [String(row.CUST_NO).trim(), JSON.stringify(row)]);
    await target.query(
      `INSERT INTO baseline_customers (cust_no, row_json) VALUES ${page.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}`,
      params,
    );
    copied += page.length;
    after = String(page[page.length - 1].CUST_NO);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`  baseline CPU per record (µs): ${describeCpu(cpuBefore, await cpuByPart(storeUrl, [], 'script'))}`);
  await source.end();
  await target.end();
  if (copied !== ROWS) throw new Error(`baseline copied ${copied} of ${ROWS} rows`);
  return copied / seconds;
}

async function pipeline(
  legacyName: string,
  storeUrl: string,
): Promise<{ rate: number; written: number; rejected: number; workerPeakRssMiB: number }> {
  const env = {
    DATABASE_URL: storeUrl,
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `trestle-bench-${randomBytes(6).toString('hex')}`,
    SECRETS_KEY: randomBytes(32).toString('base64'),
    SYNC_PAGE_SIZE: String(PAGE),
    WORKER_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '2',
    LOG_LEVEL: 'warn',
  };
  const hub = await startTestHub(env);
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, () => runHubProcess(env, 'apps/worker/src/main.ts', 'WORKER_PORT')),
  );
  const api = injectedCaller(hub);
  try {
    const connectionId = await createLegacyConnection(api, 'bench-legacy', {
      dialect: 'mariadb',
      host: '127.0.0.1',
      port: 3306,
      database: legacyName,
      user: 'root',
    });
    const cpuBefore = await cpuByPart(storeUrl, workers);
    const started = performance.now();
    const run = await waitForRun(api, (await startSync(api, connectionId, 'customer', 'full')).id, 600_000);
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = await cpuByPart(storeUrl, workers);
    if (run.status !== 'succeeded' || run.progress.recordsRead !== ROWS) {
      throw new Error(`pipeline run ended ${run.status}: ${JSON.stringify(run)}`);
    }
    const steps = new Client({ connectionString: storeUrl });
    await steps.connect();
    const { rows } = await steps.query(
      "SELECT action, count(*)::int AS jobs, round(avg(duration_ms)) AS avg_ms, round(sum(duration_ms)) AS total_ms FROM audit_events WHERE action LIKE 'pipeline.%' OR action = 'adapter.list' GROUP BY action ORDER BY action",
    );
    await steps.end();
    for (const row of rows)
      console.log(`  ${row.action}: ${row.jobs} jobs, avg ${row.avg_ms} ms, total ${row.total_ms} ms`);
    console.log(`  CPU per record during the run (µs): ${describeCpu(cpuBefore, cpuAfter)}`);
    const workerPeakRssMiB = Math.max(...workers.map((worker) => peakRssKiB(worker.child.pid))) / 1024;
    return { rate: ROWS / seconds, written: run.progress.written, rejected: run.progress.rejected, workerPeakRssMiB };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop('SIGTERM')));
    await hub.close();
  }
}

/** The canonical records in `sourceUrl`'s store, in pages, as the normalizer handed them to the batch writer. */
async function storedPages(sourceUrl: string): Promise<NewCanonicalRecord[][]> {
  const source = new Client({ connectionString: sourceUrl });
  await source.connect();
  try {
    const { rows } = await source.query<NewCanonicalRecord>(
      'SELECT id, connection_id AS "connectionId", entity, source_id AS "sourceId", data, content_hash AS "contentHash", ' +
        'raw_hash AS "rawHash", label, search, email, status, customer_source_id AS "customerSourceId", ' +
        'modified_at AS "modifiedAt", fetched_at AS "fetchedAt", mapping_version AS "mappingVersion", sync_run_id AS "syncRunId" ' +
        'FROM canonical_records ORDER BY source_id',
    );
    return Array.from({ length: Math.ceil(rows.length / PAGE) }, (_, page) =>
      rows.slice(page * PAGE, (page + 1) * PAGE),
    );
  } finally {
    await source.end();
  }
}

/** Records/s of the store's batch writer alone, `writers` at a time, on pages already normalized. */
async function storeFloor(pages: NewCanonicalRecord[][], storeUrl: string, writers: number): Promise<number> {
  const hub = await startTestHub({
    DATABASE_URL: storeUrl,
    SECRETS_KEY: randomBytes(32).toString('base64'),
    EVENTS_DISPATCH: 'off',
    LOG_LEVEL: 'warn',
  });
  try {
    const batches = hub.app.get(NormalizedBatchRepository);
    const tenantId = trustedTenantId('default');
    const cpuBefore = await cpuByPart(storeUrl, [], 'script');
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let page = next++; page < pages.length; page = next++) {
          await batches.commit(tenantId, { records: pages[page], rejected: [], maxModifiedAt: null });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `  store floor CPU per record (µs): ${describeCpu(cpuBefore, await cpuByPart(storeUrl, [], 'script'))}`,
    );
    return pages.reduce((sum, page) => sum + page.length, 0) / seconds;
  } finally {
    await hub.close();
  }
}

type CpuSample = Map<string, number>;

/**
 * CPU milliseconds so far of each part of the pipeline (Linux /proc, where PostgreSQL, Redis and
 * MariaDB run on this machine): the worker processes, this process (the hub, or the baseline
 * script), the store database's backends, and the Redis and MariaDB servers (shared: other load there counts too).
 */
async function cpuByPart(storeUrl: string, workers: { child: { pid?: number } }[], self = 'hub'): Promise<CpuSample> {
  const sample: CpuSample = new Map();
  const add = (part: string, pid: number | undefined) => {
    const ms = processCpuMs(pid);
    if (ms !== undefined) sample.set(`${part}:${pid}`, ms);
  };
  workers.forEach((worker) => add('worker', worker.child.pid));
  add(self, process.pid);
  const client = new Client({ connectionString: storeUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    for (const row of rows) add('postgres', row.pid);
  } finally {
    await client.end();
  }
  for (const [part, name] of [
    ['redis', 'redis-server'],
    ['mariadb', 'mariadbd'],
  ]) {
    for (const pid of pidsNamed(name)) add(part, pid);
  }
  return sample;
}

function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

function pidsNamed(name: string): number[] {
  try {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((entry) => {
        try {
          return readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name;
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

function describeCpu(before: CpuSample, after: CpuSample): string {
  const parts = new Map<string, number>();
  for (const [key, ms] of after) {
    const part = key.split(':')[0];
    parts.set(part, (parts.get(part) ?? 0) + ms - (before.get(key) ?? 0));
  }
  const total = [...parts.values()].reduce((sum, ms) => sum + ms, 0);
  return [...parts, ['total', total] as const]
    .map(([part, ms]) => `${part} ${((ms * 1000) / ROWS).toFixed(0)}`)
    .join(', ');
}

/** VmHWM of a child process (Linux), in KiB. */
function peakRssKiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function main(): Promise<void> {
  const legacy = await createTemporaryDatabase('mariadb', 'trestle_bench_legacy');
  const [baselineStore, pipelineStore, floorStore] = await Promise.all([
    createTemporaryPostgres('trestle_bench_baseline'),
    createTemporaryPostgres('trestle_bench_store'),
    createTemporaryPostgres('trestle_bench_floor'),
  ]);
  try {
    await seedLegacySql('mariadb', legacy.url, { customers: ROWS, ordersPerCustomer: 0, linesPerOrder: 0 });
    const direct = await baseline(legacy.url, baselineStore.url);
    const piped = await pipeline(legacy.name, pipelineStore.url);
    const ratio = piped.rate / direct;
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    const floor = await storeFloor(await storedPages(pipelineStore.url), floorStore.url, WORKERS);
    report(
      `Pipeline sync: ${ROWS} MariaDB rows into PostgreSQL, ${WORKERS} worker processes`,
      {
        'records/s pipeline / read + bulk insert': `${piped.rate.toFixed(0)} / ${direct.toFixed(0)}`,
        'records/s store writes alone (floor)': `${floor.toFixed(0)}, ${(floor / direct).toFixed(2)} of the baseline`,
        'written, dead letters': `${piped.written}, ${piped.rejected}`,
        'peak RSS MiB: bench process, worker': `${peakRssMiB.toFixed(0)}, ${piped.workerPeakRssMiB.toFixed(0)}`,
      },
      [
        {
          name: 'pipeline / baseline records/s',
          value: ratio,
          target: `>= ${TARGET_RATIO}`,
          pass: ratio >= TARGET_RATIO,
        },
        {
          name: 'records stored exactly once',
          value: piped.written,
          target: String(ROWS),
          pass: piped.written === ROWS && piped.rejected === 0,
        },
      ],
    );
  } finally {
    await Promise.all([legacy.drop(), baselineStore.drop(), pipelineStore.drop(), floorStore.drop()]);
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
