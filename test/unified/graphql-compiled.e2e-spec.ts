import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { Scope } from '@trestle/core';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLegacySqlite } from '../harness/legacy-sqlite';
import { bearer, startTestHub, TestHub } from '../harness/hub';

/** Repeated queries run compiled (graphql-jit) from their second execution; answers must not change. */
describe('GraphQL queries run again (compiled)', () => {
  let hub: TestHub;
  let dir: string;
  let erp: string;

  const graphql = async (query: string, variables: Record<string, unknown> = {}, key = hub.adminKey) => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: bearer(key),
      payload: { query, variables },
    });
    const body = response.json() as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
    // request ids and fetch times differ per call by design
    const errors = body.errors?.map((error) => ({ ...error, extensions: { ...error.extensions, requestId: 'x' } }));
    return JSON.parse(
      JSON.stringify({ status: response.statusCode, data: body.data, errors }).replace(/"fetchedAt":"[^"]+"/g, ''),
    ) as unknown;
  };

  const sameEveryTime = async (run: () => Promise<unknown>) => {
    const first = await run();
    for (let i = 0; i < 3; i += 1) expect(await run()).toEqual(first);
    return first;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trestle-graphql-jit-'));
    createLegacySqlite(join(dir, 'erp.sqlite'), { customers: 12, orders: 6 });
    hub = await startTestHub();
    const definition = await loadConnectorDefinition(
      join(__dirname, '..', '..', 'adapters', 'sql', 'examples', 'legacy-sql.connector.yaml'),
    );
    const created = await hub.app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: bearer(hub.adminKey),
      payload: { name: 'erp', definition, settings: { dialect: 'sqlite', file: join(dir, 'erp.sqlite') } },
    });
    erp = created.json().id;
  });

  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers nested data the same', async () => {
    const answer = (await sameEveryTime(() =>
      graphql(
        '{ orders(limit: 6) { nodes { id number customer { name creditLimit { amount currency } } source { connectionId } } cursor } }',
      ),
    )) as { data: { orders: { nodes: { source: { connectionId: string } }[] } } };
    expect(answer.data.orders.nodes).toHaveLength(6);
    expect(answer.data.orders.nodes.every((order) => order.source.connectionId === erp)).toBe(true);
  });

  it('answers errors with the same codes', async () => {
    const absent = randomUUID();
    const missing = (await sameEveryTime(() =>
      graphql('query($id: String!) { customers(connectionId: $id) { nodes { id } } }', { id: absent }),
    )) as { errors: { extensions: { code: string } }[] };
    expect(missing.errors[0].extensions.code).toBe('not_found');
    const auditor = await hub.mintKey([Scope.AuditRead]);
    const forbidden = (await sameEveryTime(() => graphql('{ customers { nodes { id } } }', {}, auditor))) as {
      errors: { extensions: { code: string } }[];
    };
    expect(forbidden.errors[0].extensions.code).toBe('forbidden');
    const unknown = (await sameEveryTime(() =>
      graphql('query($id: String!) { customer(id: $id) { id } }', {
        id: `cus_${Buffer.from(`${erp}:C999999`).toString('base64url')}`,
      }),
    )) as { errors: { extensions: { code: string } }[] };
    expect(unknown.errors[0].extensions.code).toBe('upstream_not_found');
  });
});
