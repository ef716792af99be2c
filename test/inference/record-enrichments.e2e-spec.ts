import { EnrichmentRepository } from '@trestle/inference';
import { bearer, TestHub } from '../harness/hub';
import { HubWithLegacySystems, startHubWithLegacySystems } from '../harness/hub-with-legacy-systems';
import { HubCaller, readAll, startSync, waitForRun } from '../pipeline/pipeline-fixtures';

interface Enrichment {
  entity: string;
  recordId: string;
  model: string;
  version: string;
  field: string;
  output: unknown;
  inputHash: string;
  createdAt: string;
}

interface OrderRecord {
  id: string;
  number: string;
  enrichments?: Enrichment[];
}

describe('records carry their enrichments (REST ?include=enrichments, GraphQL enrichments)', () => {
  let fixture: HubWithLegacySystems<'erp'>;
  let hub: TestHub;
  let api: HubCaller;
  let connectionId: string;
  let orders: OrderRecord[];
  const scoreOf = new Map<string, number>();
  let lookups: jest.SpyInstance;

  const graphql = async (query: string) => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: bearer(hub.adminKey),
      payload: { query },
    });
    return response.json() as { data: Record<string, { nodes: Record<string, unknown>[] }>; errors?: unknown[] };
  };

  beforeAll(async () => {
    fixture = await startHubWithLegacySystems(
      { SYNC_PAGE_SIZE: '10' },
      { erp: { customers: 6, ordersPerCustomer: 2, linesPerOrder: 2 } },
    );
    ({ hub, api } = fixture);
    connectionId = fixture.legacy.erp.connectionId;
    for (const entity of ['customer', 'order']) {
      const run = await waitForRun(api, (await startSync(api, connectionId, entity, 'full')).id);
      if (run.status !== 'succeeded') throw new Error(`${entity} sync ${run.status}`);
    }
    orders = await readAll<OrderRecord>(api, `/v1/orders?mode=store&connectionId=${connectionId}&limit=100`);
    const deadline = Date.now() + 15_000;
    while (scoreOf.size < orders.length && Date.now() < deadline) {
      const { body } = await api.call<{ data: Enrichment[] }>('GET', '/v1/enrichments?entity=order&limit=500');
      for (const e of body.data) scoreOf.set(e.recordId, e.output as number);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (scoreOf.size < orders.length) throw new Error('the orders were not scored in time');
    lookups = jest.spyOn(hub.app.get(EnrichmentRepository), 'forRecords');
  }, 60_000);

  afterAll(() => fixture?.close());

  beforeEach(() => lookups.mockClear());

  it.each(['store', 'live'])('lists %s records with their enrichments in one lookup per page', async (mode) => {
    const { status, body } = await api.call<{ data: OrderRecord[] }>(
      'GET',
      `/v1/orders?mode=${mode}&connectionId=${connectionId}&limit=8&include=enrichments`,
    );

    expect(status).toBe(200);
    expect(body.data).toHaveLength(8);
    for (const order of body.data) {
      expect(order.enrichments).toEqual([
        expect.objectContaining({ entity: 'order', recordId: order.id, model: 'order-anomaly', field: 'riskScore' }),
      ]);
      expect(order.enrichments?.[0].output).toBe(scoreOf.get(order.id));
    }
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it.each(['store', 'live'])('gets one %s record with its enrichments', async (mode) => {
    const { status, body } = await api.call<OrderRecord>(
      'GET',
      `/v1/orders/${encodeURIComponent(orders[3].id)}?mode=${mode}&include=enrichments`,
    );

    expect(status).toBe(200);
    expect(body.id).toBe(orders[3].id);
    expect(body.enrichments?.map((e) => e.output)).toEqual([scoreOf.get(orders[3].id)]);
  });

  it('does not look enrichments up for a read that does not ask for them', async () => {
    const list = await api.call<{ data: OrderRecord[] }>('GET', `/v1/orders?mode=store&limit=5`);
    const one = await api.call<OrderRecord>('GET', `/v1/orders/${encodeURIComponent(orders[0].id)}?mode=store`);
    const gql = await graphql(`
      {
        orders(mode: "store", limit: 5) {
          nodes {
            id
            number
          }
        }
      }
    `);

    expect(list.body.data.every((order) => !('enrichments' in order))).toBe(true);
    expect('enrichments' in one.body).toBe(false);
    expect(gql.data.orders.nodes).toHaveLength(5);
    expect(lookups).not.toHaveBeenCalled();
  });

  it('gives records no model scores an empty list, and refuses an unknown include', async () => {
    const customers = await api.call<{ data: { enrichments?: unknown[] }[] }>(
      'GET',
      '/v1/customers?mode=store&limit=3&include=enrichments',
    );
    const unknown = await api.call<{ code: string }>('GET', '/v1/orders?include=lineage');

    expect(customers.body.data.map((c) => c.enrichments)).toEqual([[], [], []]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('validation_failed');
  });

  it('resolves GraphQL enrichments with one query per page, also on nested records', async () => {
    const result = await graphql(`{
      orders(mode: "store", connectionId: "${connectionId}", limit: 10) {
        nodes { id enrichments { model version field outputJson inputHash } customer { id enrichments { model } } }
      }
    }`);

    expect(result.errors).toBeUndefined();
    const nodes = result.data.orders.nodes as {
      id: string;
      enrichments: { model: string; outputJson: string }[];
      customer: { enrichments: unknown[] } | null;
    }[];
    expect(nodes).toHaveLength(10);
    for (const node of nodes) {
      expect(node.enrichments).toHaveLength(1);
      expect(node.enrichments[0].model).toBe('order-anomaly');
      expect(JSON.parse(node.enrichments[0].outputJson)).toBe(scoreOf.get(node.id));
      expect(node.customer?.enrichments).toEqual([]);
    }
    expect(lookups).toHaveBeenCalledTimes(2);
    expect(lookups.mock.calls.map((call) => call[1]).sort()).toEqual(['customer', 'order']);
    expect(lookups.mock.calls.find((call) => call[1] === 'order')?.[2]).toHaveLength(10);
  });

  it('filters GraphQL enrichments by model', async () => {
    const result = await graphql(`
      {
        orders(mode: "store", limit: 3) {
          nodes {
            enrichments(model: "order-anomaly-remote") {
              model
            }
          }
        }
      }
    `);

    expect(result.data.orders.nodes.map((n) => n.enrichments)).toEqual([[], [], []]);
  });
});
