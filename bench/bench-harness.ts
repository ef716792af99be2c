import autocannon from 'autocannon';
import { readdirSync, readFileSync } from 'node:fs';
import { bearer, startTestHub, TestHub } from '../test/harness/hub';

export const SMOKE = process.argv.includes('--smoke');
/** `--verbose` prints every measured round, not only the summary. */
const VERBOSE = process.argv.includes('--verbose');

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of this process's main thread (the hubs' event loop) per request, in µs. */
  eventLoopCpuUs: number;
  /** CPU time of all local PostgreSQL server processes per request, in µs. */
  postgresCpuUs: number;
}

export interface LoadOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  connections?: number;
  seconds?: number;
}

/** Settings a bench run may override from its own environment, to separate one cost from the rest. */
const PASSED_THROUGH = ['AUDIT_ENABLED', 'AUTH_KEY_CACHE_MS'];

/**
 * A hub listening on a free loopback port, as the benchmarks drive it over real HTTP.
 * `AUDIT_ENABLED=false npm run bench` measures a hub without audit capture.
 */
export async function startBenchHub(env: Record<string, string> = {}): Promise<TestHub & { url: string }> {
  const passed = Object.fromEntries(
    PASSED_THROUGH.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]!]),
  );
  const hub = await startTestHub({ RATE_LIMIT_PER_MINUTE: '100000000', ...passed, ...env });
  await hub.app.listen(0, '127.0.0.1');
  return Object.assign(hub, { url: await hub.app.getUrl() });
}

/**
 * Drives one URL with autocannon (keep-alive) and returns throughput, latency percentiles in ms
 * and the CPU each request cost the event loop and PostgreSQL. Throughput on a shared machine moves
 * with whatever else runs there; CPU time per request moves much less.
 */
export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  const eventLoopBefore = eventLoopCpuMs();
  const postgresBefore = postgresCpuMs();
  const result = await autocannon({
    url: `${url}${options.path}`,
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    connections: options.connections ?? 10,
    duration: options.seconds ?? (SMOKE ? 2 : 8),
    // the load generator gets its own thread so it does not steal the hub's event loop
    workers: 1,
  });
  const requests = Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    eventLoopCpuUs: ((eventLoopCpuMs() - eventLoopBefore) * 1000) / requests,
    postgresCpuUs: (postgresCpuSince(postgresBefore) * 1000) / requests,
  };
}

const TICK_MS = 10;

/** User and system time of a /proc stat line, in ms (0 where /proc cannot be read). */
function cpuMsOf(statPath: string): number {
  try {
    const fields = readFileSync(statPath, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function eventLoopCpuMs(): number {
  return cpuMsOf(`/proc/self/task/${process.pid}/stat`);
}

/** CPU time so far of each local PostgreSQL server process, by pid. */
function postgresCpuMs(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of safeList('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') byPid.set(pid, cpuMsOf(`/proc/${pid}/stat`));
    } catch {
      // the process ended meanwhile
    }
  }
  return byPid;
}

/** CPU the server spent between two readings; a backend that started meanwhile counts from zero. */
function postgresCpuSince(before: Map<string, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpuMs()) total += Math.max(0, ms - (before.get(pid) ?? 0));
  return total;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export { bearer };

export interface Check {
  name: string;
  value: number;
  target: string;
  pass: boolean;
}

/** Prints the figures and the checks; a missed target makes the process exit non-zero. */
export function report(title: string, figures: Record<string, string | number>, checks: Check[]): void {
  const overrides = PASSED_THROUGH.filter((name) => process.env[name] !== undefined)
    .map((name) => `${name}=${process.env[name]}`)
    .join(' ');
  console.log(`\n${title}${SMOKE ? ' (smoke)' : ''}${overrides ? ` [${overrides}]` : ''}`);
  for (const [name, value] of Object.entries(figures)) console.log(`  ${name.padEnd(42)} ${value}`);
  for (const check of checks) {
    console.log(
      `  ${check.pass ? 'PASS' : 'FAIL'} ${check.name.padEnd(37)} ${check.value.toFixed(3)} (target ${check.target})`,
    );
  }
  // A smoke run proves the benchmark still runs; on a shared CI box its short figures are too noisy to gate on.
  if (checks.some((check) => !check.pass)) {
    if (SMOKE) console.log('  (smoke run: targets reported, enforced only in full runs)');
    else process.exitCode = 1;
  }
}

export interface RoundsResult extends LoadResult {
  /** Every measured round, in the order they ran. */
  rounds: LoadResult[];
}

/**
 * Runs each named load once per round, in turn, so a noisy neighbour hurts all alike; each gets
 * its best round's throughput and the median round's latencies and CPU times. A full run first runs every load
 * once unmeasured, so the JIT warms the code they share before any is measured, and turns the order
 * round by round, so none always goes first.
 */
export async function alternate<Name extends string>(
  rounds: number,
  runs: Record<Name, () => Promise<LoadResult>>,
): Promise<Record<Name, RoundsResult>> {
  const names = Object.keys(runs) as Name[];
  const results = new Map<Name, LoadResult[]>(names.map((name) => [name, []]));
  if (!SMOKE) for (const name of names) await runs[name]();
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const result = await runs[name]();
      if (VERBOSE) {
        console.log(
          `  round ${round + 1} ${name}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99} ms, ` +
            `CPU/request ${result.eventLoopCpuUs.toFixed(0)} µs event loop, ${result.postgresCpuUs.toFixed(0)} µs PostgreSQL`,
        );
      }
      results.get(name)!.push(result);
    }
  }
  const summary = {} as Record<Name, RoundsResult>;
  for (const [name, list] of results) {
    const best = list.reduce((top, next) => (next.rps > top.rps ? next : top));
    summary[name] = {
      ...best,
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      eventLoopCpuUs: median(list.map((r) => r.eventLoopCpuUs)),
      postgresCpuUs: median(list.map((r) => r.postgresCpuUs)),
      rounds: list,
    };
  }
  return summary;
}

/**
 * The median over rounds of `x`'s throughput over `y`'s in the same round. Runs of one round are
 * seconds apart, so a neighbour's load that comes and goes over longer spans hurts both alike and
 * cancels out of the ratio, where the ratio of two best rounds keeps it.
 */
export function pairedRatio(x: RoundsResult, y: RoundsResult): number {
  return median(roundRatios(x, y));
}

/** `x`'s throughput over `y`'s, round by round. */
export function roundRatios(x: RoundsResult, y: RoundsResult): number[] {
  return x.rounds.map((round, index) => round.rps / y.rounds[index].rps);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
