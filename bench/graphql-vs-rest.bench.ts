import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLegacySqlite } from '../test/harness/legacy-sqlite';
import { createConnection } from './bench-connection';
import { alternate, bearer, load, report, SMOKE, startBenchHub } from './bench-harness';

const QUERY =
  '{ customers(limit: 20) { nodes { id name email status creditLimit { amount currency } source { sourceId } } cursor } }';

/**
 * The same page of customers (live, from a SQL legacy system) through REST and through GraphQL
 * (Mercurius) on one hub, alternating rounds. Target: GraphQL throughput >= 40% of REST.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trestle-bench-graphql-'));
  const legacy = join(dir, 'legacy.sqlite');
  createLegacySqlite(legacy, { customers: 200 });
  const hub = await startBenchHub({ LOG_LEVEL: 'silent', SQLITE_PATH: join(dir, 'hub.sqlite') });
  await createConnection(hub, 'sql/examples/legacy-sql.connector.yaml', {
    settings: { dialect: 'sqlite', file: legacy },
  });
  try {
    const graphqlProbe = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { ...bearer(hub.adminKey), 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    }).then((r) => r.json() as Promise<{ data?: { customers: { nodes: unknown[] } }; errors?: unknown }>);
    if (graphqlProbe.data?.customers.nodes.length !== 20)
      throw new Error(`GraphQL probe: ${JSON.stringify(graphqlProbe)}`);
    const { rest, graphql } = await alternate(SMOKE ? 1 : 3, {
      rest: () => load(hub.url, { path: '/v1/customers?limit=20', headers: bearer(hub.adminKey) }),
      graphql: () =>
        load(hub.url, { method: 'POST', path: '/graphql', body: { query: QUERY }, headers: bearer(hub.adminKey) }),
    });
    const ratio = graphql.rps / rest.rps;
    report(
      'GraphQL (Mercurius) vs REST, customers page of 20, live SQL system, 10 connections',
      {
        'req/s REST / GraphQL': `${rest.rps.toFixed(0)} / ${graphql.rps.toFixed(0)}`,
        'p50 ms REST / GraphQL': `${rest.p50} / ${graphql.p50}`,
        'p99 ms REST / GraphQL': `${rest.p99} / ${graphql.p99}`,
        'errors REST, GraphQL': `${rest.errors}, ${graphql.errors}`,
        '@nestjs/apollo': 'not installed, Mercurius only',
      },
      [
        { name: 'GraphQL / REST throughput', value: ratio, target: '>= 0.40', pass: ratio >= 0.4 },
        {
          name: 'no failed requests',
          value: rest.errors + graphql.errors,
          target: '0',
          pass: rest.errors + graphql.errors === 0,
        },
      ],
    );
  } finally {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
