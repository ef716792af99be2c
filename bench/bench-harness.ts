import autocannon from 'autocannon';
import { bearer, startTestHub, TestHub } from '../test/harness/hub';

export const SMOKE = process.argv.includes('--smoke');

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
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

/** Drives one URL with autocannon (keep-alive) and returns throughput and latency percentiles in ms. */
export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
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
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
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

/**
 * Runs each named load once per round, in turn, so a noisy neighbour hurts all alike; each gets
 * its best round's throughput and the median round's latencies.
 */
export async function alternate<Name extends string>(
  rounds: number,
  runs: Record<Name, () => Promise<LoadResult>>,
): Promise<Record<Name, LoadResult>> {
  const names = Object.keys(runs) as Name[];
  const results = new Map<Name, LoadResult[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const name of names) results.get(name)!.push(await runs[name]());
  }
  const median = (list: LoadResult[], key: 'p50' | 'p99') =>
    [...list.map((r) => r[key])].sort((x, y) => x - y)[Math.floor(list.length / 2)];
  const summary = {} as Record<Name, LoadResult>;
  for (const [name, list] of results) {
    const best = list.reduce((top, next) => (next.rps > top.rps ? next : top));
    summary[name] = { ...best, p50: median(list, 'p50'), p99: median(list, 'p99') };
  }
  return summary;
}
