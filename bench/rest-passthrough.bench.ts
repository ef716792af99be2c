import { DEFAULT_CRM_CLIENT, startRestCrm } from '@trestle/simulators';
import Fastify from 'fastify';
import { Pool } from 'undici';
import { createConnection } from './bench-connection';
import { alternate, bearer, Check, load, report, SMOKE, startBenchHub } from './bench-harness';
import { startStackFloor } from './stack-floor';

/**
 * The hub's live REST read path (auth, audit, adapter, mapping) against the least a proxy can do:
 * bare Fastify + undici forwarding the same CRM page. Targets at 10 and 50 connections:
 * throughput >= 75% of the proxy, p50 added <= 0.5 ms, p99 added <= 2 ms. The connection has no
 * read cache: every hub request is a call to the CRM. A third contestant, NestJS + axios doing
 * nothing but the forward, shows how much of the gap the fixed stack itself takes.
 */
async function main(): Promise<void> {
  const crm = await startRestCrm({ rateLimit: false, accounts: 200 });
  crm.setRateLimit(false);
  const token = await fetch(crm.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...toForm(DEFAULT_CRM_CLIENT) }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const upstream = new Pool(new URL(crm.url).origin, { connections: 64 });
  const proxy = Fastify();
  proxy.get('/customers', async (_request, reply) => {
    const answer = await upstream.request({
      method: 'GET',
      path: '/api/v2/accounts?limit=20',
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    reply.code(answer.statusCode).header('content-type', 'application/json');
    return answer.body.text();
  });
  const proxyUrl = await proxy.listen({ port: 0, host: '127.0.0.1' });
  const floor = await startStackFloor(crm.url, token.access_token);
  const hub = await startBenchHub({ LOG_LEVEL: 'silent' });
  const id = await createConnection(hub, 'rest/examples/rest-crm.connector.yaml', {
    settings: { baseUrl: crm.url },
    credentials: { ...DEFAULT_CRM_CLIENT },
  });
  const rounds = SMOKE ? 1 : 3;
  const figures: Record<string, string> = {};
  const checks: Check[] = [];
  try {
    for (const connections of [10, 50]) {
      const {
        hub: a,
        floor: f,
        proxy: b,
      } = await alternate(rounds, {
        hub: () =>
          load(hub.url, {
            path: `/v1/connections/${id}/customers?limit=20`,
            headers: bearer(hub.adminKey),
            connections,
          }),
        floor: () => load(floor.url, { path: '/customers', connections }),
        proxy: () => load(proxyUrl, { path: '/customers', connections }),
      });
      figures[`c${connections} req/s hub / NestJS+axios / proxy`] =
        `${a.rps.toFixed(0)} / ${f.rps.toFixed(0)} / ${b.rps.toFixed(0)}`;
      figures[`c${connections} NestJS+axios alone / proxy`] = (f.rps / b.rps).toFixed(3);
      figures[`c${connections} p50 ms hub / proxy`] = `${a.p50} / ${b.p50}`;
      figures[`c${connections} p99 ms hub / proxy`] = `${a.p99} / ${b.p99}`;
      figures[`c${connections} errors hub, NestJS+axios, proxy`] = `${a.errors}, ${f.errors}, ${b.errors}`;
      checks.push(
        {
          name: `c${connections} throughput ratio`,
          value: a.rps / b.rps,
          target: '>= 0.75',
          pass: a.rps / b.rps >= 0.75,
        },
        { name: `c${connections} p50 added (ms)`, value: a.p50 - b.p50, target: '<= 0.5', pass: a.p50 - b.p50 <= 0.5 },
        { name: `c${connections} p99 added (ms)`, value: a.p99 - b.p99, target: '<= 2', pass: a.p99 - b.p99 <= 2 },
        {
          name: `c${connections} no failed requests`,
          value: a.errors + f.errors + b.errors,
          target: '0',
          pass: a.errors + f.errors + b.errors === 0,
        },
      );
    }
    figures['CRM calls during the run'] = JSON.stringify(crm.calls());
    report('REST read passthrough: hub vs bare Fastify + undici proxy (CRM simulator, 20 records)', figures, checks);
  } finally {
    await hub.close();
    await floor.close();
    await proxy.close();
    await upstream.close();
    await crm.close();
  }
}

function toForm(client: { clientId: string; clientSecret: string }): Record<string, string> {
  return { client_id: client.clientId, client_secret: client.clientSecret };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
