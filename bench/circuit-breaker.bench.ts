import { DEFAULT_CRM_CLIENT, startRestCrm } from '@trestle/simulators';
import { Pool } from 'undici';
import { startFaultProxy } from '../test/support/fault-proxy';
import { createConnection, percentile, sequentialLatencies } from './bench-connection';
import { bearer, load, report, SMOKE, startBenchHub } from './bench-harness';

/**
 * A black-holed upstream behind an open breaker: once open, the hub must refuse at once rather
 * than wait for timeouts. Target: rejections (503 circuit_open) at p99 <= 5 ms under load.
 */
async function main(): Promise<void> {
  const crm = await startRestCrm({ rateLimit: false });
  const proxy = await startFaultProxy({ upstream: crm.url });
  const hub = await startBenchHub({ LOG_LEVEL: 'silent' });
  const id = await createConnection(hub, 'rest/examples/rest-crm.connector.yaml', {
    settings: { baseUrl: proxy.url },
    credentials: { ...DEFAULT_CRM_CLIENT },
    resilience: { timeoutMs: 200, retries: 0, breakerThreshold: 2, breakerHalfOpenAfterMs: 600_000 },
  });
  const path = `/v1/connections/${id}/customers?limit=20`;
  const get = () => fetch(`${hub.url}${path}`, { headers: bearer(hub.adminKey) });
  // One keep-alive connection with the leanest client, so the figure is the hub's answer, not fetch's overhead.
  const client = new Pool(hub.url, { connections: 1 });
  const refuse = () =>
    client.request({ method: 'GET', path, headers: bearer(hub.adminKey) }).then((answer) => answer.body.text());
  try {
    const healthy = (await get()).status;
    proxy.setMode({ kind: 'black-hole' });
    const tripping = [(await get()).status, (await get()).status];
    const first = (await get()).status;
    // Warmed up first: the hub's first thousand requests after start run colder code than the rest.
    const sequential = await sequentialLatencies(SMOKE ? 200 : 2000, refuse, SMOKE ? 100 : 1000);
    const result = await load(hub.url, { path, headers: bearer(hub.adminKey), seconds: SMOKE ? 2 : 8 });
    const breaker = (
      (await (await fetch(`${hub.url}/v1/connections/${id}`, { headers: bearer(hub.adminKey) })).json()) as {
        breaker: string;
      }
    ).breaker;
    report(
      'Circuit breaker: refusals while the upstream is black-holed (10 connections)',
      {
        'status healthy, tripping, first refusal': `${healthy}, ${tripping.join('/')}, ${first}`,
        'breaker after the run': breaker,
        'one at a time: refusal p50 / p99 ms': `${percentile(sequential, 50).toFixed(2)} / ${percentile(sequential, 99).toFixed(2)}`,
        '10 connections: refusals req/s': result.rps.toFixed(0),
        '10 connections: refusal p50 / p99 ms': `${result.p50} / ${result.p99}`,
        'upstream connections reached the proxy': proxy.connectionCount(),
      },
      [
        {
          name: 'breaker open, first refusal 503',
          value: first,
          target: '503',
          pass: first === 503 && breaker === 'open',
        },
        {
          name: 'refusal p99, one at a time (ms)',
          value: percentile(sequential, 99),
          target: '<= 5',
          pass: percentile(sequential, 99) <= 5,
        },
        { name: 'refusal p99, 10 connections (ms)', value: result.p99, target: '<= 5', pass: result.p99 <= 5 },
      ],
    );
  } finally {
    await client.close();
    await hub.close();
    await proxy.close();
    await crm.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
