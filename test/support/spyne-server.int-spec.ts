import * as soap from 'soap';
import { SPYNE_NAMESPACE, spyneAvailable, startSpyneServer, type SpyneServer } from './spyne-server';

const envelope = (body: string) =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:e="${SPYNE_NAMESPACE}"><s:Body>${body}</s:Body></s:Envelope>`;

async function post(server: SpyneServer, operation: string, body: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${operation}"` },
    body: envelope(body),
  });
  return { status: response.status, text: await response.text() };
}

const textOf = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<(?:\\w+:)?${tag}>([^<]*)</(?:\\w+:)?${tag}>`, 'g'))].map((match) => match[1]);

describe('spyne SOAP server', () => {
  let server: SpyneServer;

  beforeAll(async () => {
    if (!spyneAvailable()) {
      throw new Error('python3-spyne is missing: apt-get update && apt-get install -y python3-spyne');
    }
    server = await startSpyneServer();
  }, 20_000);

  afterAll(() => server?.close());

  it('answers a raw SOAP 1.1 POST with a document/literal page of customers', async () => {
    const response = await post(
      server,
      'ListCustomers',
      '<e:ListCustomers><e:page>3</e:page><e:pageSize>10</e:pageSize></e:ListCustomers>',
    );
    expect(response.status).toBe(200);
    expect(textOf(response.text, 'CustomerId')).toEqual(['K00021', 'K00022', 'K00023', 'K00024', 'K00025']);
    expect(textOf(response.text, 'CreditLimit')[0]).toBe('5250.00');
    expect(textOf(response.text, 'HasMore')).toEqual(['false']);
  });

  it('answers an unknown customer with a SOAP fault', async () => {
    const response = await post(server, 'GetCustomer', '<e:GetCustomer><e:id>K99999</e:id></e:GetCustomer>');
    expect(response.status).toBe(500);
    expect(textOf(response.text, 'faultcode')[0]).toMatch(/:Client\.NotFound$/);
  });

  it('is usable through its WSDL by a node-soap client', async () => {
    const client = await soap.createClientAsync(server.wsdlUrl);
    const [stock] = await client.GetStockLevelAsync({ itemNo: 'IT00042' });
    expect(stock.GetStockLevelResult).toMatchObject({ ItemNo: 'IT00042', OnHand: expect.any(Number) });
    const [page] = await client.ListCustomersAsync({ page: 1, pageSize: 10 });
    expect(page.ListCustomersResult.Customers).toHaveLength(10);
    expect(page.ListCustomersResult.HasMore).toBe(true);
  });

  it('is gone once closed', async () => {
    const other = await startSpyneServer();
    await other.close();
    await expect(fetch(other.wsdlUrl)).rejects.toThrow();
  }, 20_000);
});
