import { bearer, startTestHub, TestHub } from '../harness/hub';

describe('out of the box: the bundled legacy systems', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ DEMO_SYSTEMS: 'on' });
  }, 60_000);

  afterAll(() => hub.close());

  const get = (url: string) =>
    hub.app
      .inject({ method: 'GET', url, headers: bearer(hub.adminKey) })
      .then((r) => ({ status: r.statusCode, body: r.json() }));

  it('connects a SOAP ERP, a REST CRM and a SQL database to the default tenant', async () => {
    const { body } = await get('/v1/connections');
    expect(body.map((c: { name: string; adapter: string }) => `${c.name}:${c.adapter}`).sort()).toEqual([
      'demo-crm:rest',
      'demo-erp:soap',
      'demo-sql:sql',
    ]);
  });

  it.each(['demo-erp', 'demo-crm', 'demo-sql'])('serves canonical customers from %s', async (name) => {
    const connection = (await get('/v1/connections')).body.find((c: { name: string }) => c.name === name);
    const page = await get(`/v1/connections/${connection.id}/customers?limit=5`);
    expect(page.status).toBe(200);
    expect(page.body.data.length).toBeGreaterThan(0);
    for (const customer of page.body.data) {
      expect(customer).toMatchObject({
        id: expect.stringMatching(/^cus_/),
        name: expect.any(String),
        source: { connectionId: connection.id },
      });
    }
    const test = await hub.app.inject({
      method: 'POST',
      url: `/v1/connections/${connection.id}/test`,
      headers: bearer(hub.adminKey),
    });
    expect(test.json()).toMatchObject({ ok: true });
  });

  it('serves ERP orders with their lines and money as decimal strings', async () => {
    const erp = (await get('/v1/connections')).body.find((c: { name: string }) => c.name === 'demo-erp');
    const orders = (await get(`/v1/connections/${erp.id}/orders?limit=10`)).body.data;
    const withLines = orders.find((o: { lines?: unknown[] }) => (o.lines ?? []).length > 0);
    expect(withLines.lines[0]).toMatchObject({
      lineNo: expect.any(Number),
      quantity: expect.stringMatching(/^\d+/),
      unitPrice: { amount: expect.stringMatching(/^\d+\.\d{2}$/) },
    });
  });
});
