import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { OutboundCall, OutboundCallEvents } from '@trestle/connectors';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createLegacySqlite } from '../harness/legacy-sqlite';
import { bearer, startTestHub, TestHub } from '../harness/hub';

describe('unified GraphQL API', () => {
  let hub: TestHub;
  let dir: string;
  let erp: string;

  const graphql = async (query: string, variables: Record<string, unknown> = {}, key?: string) => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: bearer(key ?? hub.adminKey),
      payload: { query, variables },
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers are shaped by each query
    return { status: response.statusCode, ...(response.json() as { data?: Record<string, any>; errors?: any[] }) };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trestle-graphql-'));
    createLegacySqlite(join(dir, 'erp.sqlite'), { customers: 40, orders: 25 });
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

  it('pages through customers with the same records as REST', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const result = await graphql(
        'query($cursor: String) { customers(limit: 15, cursor: $cursor) { nodes { id name status creditLimit { amount currency } source { sourceId } } cursor } }',
        { cursor },
      );
      expect(result.errors).toBeUndefined();
      ids.push(...(result.data?.customers.nodes ?? []).map((n: { id: string }) => n.id));
      cursor = result.data?.customers.cursor;
    } while (cursor);
    expect(ids).toHaveLength(40);
    const rest = await hub.app.inject({ method: 'GET', url: '/v1/customers?limit=200', headers: bearer(hub.adminKey) });
    expect(rest.json().data.map((c: { id: string }) => c.id)).toEqual(ids);
  });

  it('fetches each order customer once per batch (DataLoader)', async () => {
    const gets: OutboundCall[] = [];
    const unsubscribe = hub.app
      .get(OutboundCallEvents)
      .subscribe((call) => call.operation === 'get' && gets.push(call));
    const result = await graphql('{ orders(limit: 25) { nodes { number customerSourceId customer { name } } } }');
    unsubscribe();
    expect(result.errors).toBeUndefined();
    const orders = result.data?.orders.nodes as { customerSourceId: string; customer: { name: string } }[];
    expect(orders).toHaveLength(25);
    const distinct = new Set(orders.map((o) => o.customerSourceId));
    expect(distinct.size).toBe(5);
    expect(gets).toHaveLength(distinct.size);
    expect(orders.every((o) => o.customer.name.startsWith('Customer '))).toBe(true);
  });

  it('creates with an idempotency key and replays the first result', async () => {
    const mutation = `mutation($connectionId: String!, $key: String) {
      createCustomer(connectionId: $connectionId, sourceId: "C777777", idempotencyKey: $key, input: { name: "GraphQL Traders", status: "active" }) { id name source { sourceId } }
    }`;
    const first = await graphql(mutation, { connectionId: erp, key: 'gql-1' });
    const second = await graphql(mutation, { connectionId: erp, key: 'gql-1' });
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(first.data?.createCustomer.source.sourceId).toBe('C777777');
  });

  it('carries the REST error codes', async () => {
    const missing = await graphql('query($id: String!) { customers(connectionId: $id) { nodes { id } } }', {
      id: randomUUID(),
    });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'not_found', status: 404 });

    const invalid = await graphql(
      `
        mutation ($c: String!) {
          createCustomer(connectionId: $c, input: { name: "", email: "nope" }) {
            id
          }
        }
      `,
      { c: erp },
    );
    expect(invalid.errors?.[0].extensions.code).toBe('validation_failed');
    expect(invalid.errors?.[0].extensions.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['name', 'email']),
    );

    const unknownRecord = await graphql('query($id: String!) { customer(id: $id) { id } }', {
      id: `cus_${Buffer.from(`${erp}:C999999`).toString('base64url')}`,
    });
    expect(unknownRecord.errors?.[0].extensions.code).toBe('upstream_not_found');
  });

  it('refuses callers without a key and without the scope', async () => {
    const anonymous = await hub.app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: '{ customers { nodes { id } } }' },
    });
    expect(anonymous.json().errors[0].extensions.code).toBe('unauthenticated');
    const auditor = await hub.mintKey(['audit:read' as never]);
    const forbidden = await graphql('{ customers { nodes { id } } }', {}, auditor);
    expect(forbidden.errors?.[0].extensions.code).toBe('forbidden');
  });

  it('refuses queries past the depth and cost limits', async () => {
    const deep = await graphql(
      '{ orders { nodes { customer { source { connectionId } creditLimit { amount } } lines { unitPrice { amount currency } } } } }',
    );
    expect(deep.errors).toBeUndefined();
    const shallowHub = await startTestHub({ GRAPHQL_MAX_DEPTH: '3' });
    try {
      const tooDeep = await shallowHub.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: bearer(shallowHub.adminKey),
        payload: { query: '{ orders { nodes { customer { name } } } }' },
      });
      expect(tooDeep.statusCode).toBe(400);
      expect(tooDeep.json().errors[0].message).toMatch(/depth/i);
    } finally {
      await shallowHub.close();
    }
    const expensive = await graphql(
      `{ ${Array.from({ length: 12 }, (_, i) => `q${i}: orders(limit: 200) { nodes { number status total { amount currency } customer { name email phone status } } }`).join(' ')} }`,
    );
    expect(expensive.status).toBe(400);
    expect(expensive.errors?.[0].message).toMatch(/too expensive/);
  });
});
