import * as soap from 'soap';
import { startSoapErp, type SoapErp } from '.';

const TYPES = 'urn:trestle:simulators:erp:types';
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

function envelope(body: string, { version = '1.1', header = '' } = {}): string {
  const ns = version === '1.1' ? SOAP11 : SOAP12;
  return `<?xml version="1.0"?><s:Envelope xmlns:s="${ns}" xmlns:t="${TYPES}"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;
}

const usernameToken = (username: string, password: string, type = 'PasswordText'): string =>
  `<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken><wsse:Username>${username}</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#${type}">${password}</wsse:Password></wsse:UsernameToken></wsse:Security>`;

async function post(
  url: string,
  operation: string,
  body: string,
  options: { version?: '1.1' | '1.2'; header?: string } = {},
) {
  const version = options.version ?? '1.1';
  const headers: Record<string, string> =
    version === '1.1'
      ? { 'content-type': 'text/xml; charset=utf-8', soapaction: `"urn:trestle:simulators:erp/${operation}"` }
      : { 'content-type': `application/soap+xml; charset=utf-8; action="urn:trestle:simulators:erp/${operation}"` };
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: envelope(body, { version, header: options.header }),
  });
  return { status: response.status, text: await response.text() };
}

const textOf = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<(?:\\w+:)?${tag}>([^<]*)</(?:\\w+:)?${tag}>`, 'g'))].map((match) => match[1]);

describe('SOAP ERP simulator', () => {
  let clock: Date;
  let erp: SoapErp;

  beforeAll(async () => {
    clock = new Date('2025-06-01T12:00:00Z');
    erp = await startSoapErp({ now: () => clock });
  });

  afterAll(() => erp.close());

  beforeEach(() => erp.resetCalls());

  it('serves a document/literal WSDL that imports its XSD, with a SOAP 1.1 and a SOAP 1.2 port', async () => {
    const wsdl = await (await fetch(erp.wsdlUrl)).text();
    expect(wsdl).toContain('<xsd:import namespace="urn:trestle:simulators:erp:types" schemaLocation="erp/types.xsd"/>');
    expect(wsdl).toContain(`<soap:address location="${erp.soap11Url}"/>`);
    expect(wsdl).toContain(`<soap12:address location="${erp.soap12Url}"/>`);
    expect(wsdl).not.toContain('complexType');
    const xsd = await fetch(new URL('erp/types.xsd', erp.wsdlUrl));
    expect(xsd.status).toBe(200);
    expect(await xsd.text()).toContain('<xsd:complexType name="Customer">');

    const client = await soap.createClientAsync(erp.wsdlUrl);
    const ports = client.describe().ErpService;
    expect(Object.keys(ports).sort()).toEqual(['ErpSoap11Port', 'ErpSoap12Port']);
    expect(Object.keys(ports.ErpSoap11Port)).toEqual(
      expect.arrayContaining(['ListCustomers', 'GetOrder', 'CreateCustomer', 'UpdateCustomer', 'GetStockLevel']),
    );
  });

  it('pages through all customers until HasMore is false, and past the end answers an empty page', async () => {
    const client = await soap.createClientAsync(erp.wsdlUrl);
    const seen: string[] = [];
    let pageNumber = 1;
    for (;;) {
      const [page] = await client.ListCustomersAsync({ PageNumber: pageNumber, PageSize: 7 });
      expect(page.TotalPages).toBe(8);
      expect(page.TotalRecords).toBe(50);
      seen.push(...page.Customers.Customer.map((customer: { CustomerNo: string }) => customer.CustomerNo));
      if (!page.HasMore) break;
      pageNumber++;
    }
    expect(pageNumber).toBe(8);
    expect(new Set(seen).size).toBe(50);
    expect(seen[0]).toBe('C000001');
    expect(erp.callCount('ListCustomers')).toBe(8);

    const beyond = await post(
      erp.url,
      'ListCustomers',
      '<t:ListCustomersRequest><t:PageNumber>9</t:PageNumber><t:PageSize>7</t:PageSize></t:ListCustomersRequest>',
    );
    expect(beyond.status).toBe(200);
    expect(textOf(beyond.text, 'CustomerNo')).toEqual([]);
    expect(textOf(beyond.text, 'HasMore')).toEqual(['false']);
  });

  it('serves records with the ERP field names and formats', async () => {
    const response = await post(
      erp.url,
      'GetOrder',
      '<t:GetOrderRequest><t:OrderNo>SO0000001</t:OrderNo></t:GetOrderRequest>',
    );
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/<t:OrderDate>\d{4}-\d{2}-\d{2}<\/t:OrderDate>/);
    expect(textOf(response.text, 'LineNo')[0]).toBe('10');
    expect(textOf(response.text, 'UnitPrice').every((price) => /^\d+\.\d{2}$/.test(price))).toBe(true);

    const customer = erp.record('Customer', 'C000001')!;
    expect(customer.CreditLimit).toMatch(/^\d+\.\d{2}$/);
    expect(['A', 'I', 'B']).toContain(customer.Status);
    expect(customer.LastChanged).toMatch(/^2024-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('generates the same data for the same seed and other data for another seed', async () => {
    const same = await startSoapErp({ customers: 5 });
    const other = await startSoapErp({ customers: 5, seed: 2 });
    try {
      expect(same.record('Customer', 'C000003')).toEqual(erp.record('Customer', 'C000003'));
      expect(other.record('Customer', 'C000003')).not.toEqual(erp.record('Customer', 'C000003'));
      expect(same.record('Customer', 'C000006')).toBeUndefined();
    } finally {
      await Promise.all([same.close(), other.close()]);
    }
  });

  it('answers a missing record with a NotFound fault in SOAP 1.1 and SOAP 1.2', async () => {
    const body = '<t:GetCustomerRequest><t:CustomerNo>C999999</t:CustomerNo></t:GetCustomerRequest>';
    const v11 = await post(erp.soap11Url, 'GetCustomer', body);
    expect(v11.status).toBe(500);
    expect(v11.text).toContain(`xmlns:soap="${SOAP11}"`);
    expect(textOf(v11.text, 'faultcode')).toEqual(['soap:Client']);
    expect(textOf(v11.text, 'faultstring')).toEqual(['NotFound']);
    expect(textOf(v11.text, 'Message')).toEqual(['Customer C999999 does not exist']);

    const v12 = await post(erp.soap12Url, 'GetCustomer', body, { version: '1.2' });
    expect(v12.status).toBe(400);
    expect(v12.text).toContain(`xmlns:soap="${SOAP12}"`);
    expect(textOf(v12.text, 'Value')).toEqual(['soap:Sender', 't:NotFound']);
    expect(erp.callCount('GetCustomer')).toBe(2);
  });

  it('creates and updates customers, and faults on invalid input', async () => {
    const client = await soap.createClientAsync(erp.wsdlUrl);
    const invalid = [
      [{ Name: 'X', Email: 'not-an-email', CreditLimit: '1.00', Currency: 'EUR' }, 'Email'],
      [{ Name: 'X', Email: 'a@b.example', CreditLimit: '1.5', Currency: 'EUR' }, 'CreditLimit'],
      [{ Name: 'X', Email: 'a@b.example', CreditLimit: '1.00', Currency: 'XXX' }, 'Currency'],
      [{ Name: 'X'.repeat(41), Email: 'a@b.example', CreditLimit: '1.00', Currency: 'EUR' }, 'Name'],
      [{ Name: 'X', Email: 'a@b.example', CreditLimit: '1.00', Currency: 'EUR', Status: 'Z' }, 'Status'],
    ] as const;
    for (const [request, field] of invalid) {
      const failure = await client.CreateCustomerAsync(request).catch((error: { body: string }) => error);
      expect(textOf(failure.body, 'faultstring')).toEqual(['ValidationFailed']);
      expect(textOf(failure.body, 'Field')).toEqual([field]);
    }

    clock = new Date('2025-06-02T08:00:00Z');
    const [created] = await client.CreateCustomerAsync({
      Name: 'Neue Kunde GmbH',
      Email: 'ap@neue.example',
      CreditLimit: '2500.00',
      Currency: 'CHF',
    });
    expect(created.Customer).toMatchObject({ Name: 'Neue Kunde GmbH', Status: 'A', CreditLimit: '2500.00' });
    const customerNo = created.Customer.CustomerNo;
    expect(customerNo).toBe('C000051');
    expect(erp.record('Customer', customerNo)?.LastChanged).toBe('2025-06-02T08:00:00Z');

    clock = new Date('2025-06-03T09:30:00Z');
    const [updated] = await client.UpdateCustomerAsync({ CustomerNo: customerNo, Status: 'B', Phone: '+41 44 000' });
    expect(updated.Customer).toMatchObject({
      CustomerNo: customerNo,
      Status: 'B',
      Phone: '+41 44 000',
      Name: 'Neue Kunde GmbH',
    });
    expect(erp.record('Customer', customerNo)).toMatchObject({ Status: 'B', LastChanged: '2025-06-03T09:30:00Z' });

    const missing = await client
      .UpdateCustomerAsync({ CustomerNo: 'C999999', Status: 'A' })
      .catch((error: { body: string }) => error);
    expect(textOf(missing.body, 'faultstring')).toEqual(['NotFound']);
    expect(erp.callCount('CreateCustomer')).toBe(invalid.length + 1);
  });

  it('lists only records changed since ModifiedSince, including ones mutated behind the API', async () => {
    const before = await post(
      erp.url,
      'ListOrders',
      '<t:ListOrdersRequest><t:PageNumber>1</t:PageNumber><t:PageSize>50</t:PageSize><t:ModifiedSince>2025-07-01T00:00:00Z</t:ModifiedSince></t:ListOrdersRequest>',
    );
    expect(textOf(before.text, 'TotalRecords')).toEqual(['0']);

    clock = new Date('2025-07-02T10:00:00Z');
    erp.mutate('Order', 'SO0000003', { Status: 'CN' });
    erp.mutate('Order', 'SO0000001', { Status: 'SH' });
    const after = await post(
      erp.url,
      'ListOrders',
      '<t:ListOrdersRequest><t:PageNumber>1</t:PageNumber><t:PageSize>50</t:PageSize><t:ModifiedSince>2025-07-01T00:00:00Z</t:ModifiedSince></t:ListOrdersRequest>',
    );
    expect(textOf(after.text, 'OrderNo')).toEqual(['SO0000001', 'SO0000003']);
    expect(textOf(after.text, 'Status')).toEqual(['SH', 'CN']);
    expect(textOf(after.text, 'LastChanged')).toEqual(['2025-07-02T10:00:00Z', '2025-07-02T10:00:00Z']);
  });

  it('answers the non-canonical GetStockLevel', async () => {
    const response = await post(
      erp.url,
      'GetStockLevel',
      '<t:GetStockLevelRequest><t:ItemNo>IT00004</t:ItemNo></t:GetStockLevelRequest>',
    );
    const [onHand] = textOf(response.text, 'OnHand').map(Number);
    const [reserved] = textOf(response.text, 'Reserved').map(Number);
    expect(textOf(response.text, 'Available').map(Number)).toEqual([onHand - reserved]);
    expect(textOf(response.text, 'Warehouse')).toEqual(['WH01']);
    const unknown = await post(
      erp.url,
      'GetStockLevel',
      '<t:GetStockLevelRequest><t:ItemNo>NOPE</t:ItemNo></t:GetStockLevelRequest>',
    );
    expect(textOf(unknown.text, 'faultstring')).toEqual(['NotFound']);
  });

  it('rejects page sizes out of range', async () => {
    const response = await post(
      erp.url,
      'ListProducts',
      '<t:ListProductsRequest><t:PageNumber>1</t:PageNumber><t:PageSize>0</t:PageSize></t:ListProductsRequest>',
    );
    expect(response.status).toBe(500);
    expect(textOf(response.text, 'Field')).toEqual(['PageSize']);
  });

  describe('with WS-Security credentials', () => {
    let secured: SoapErp;
    const body = '<t:GetProductRequest><t:ItemNo>IT00001</t:ItemNo></t:GetProductRequest>';

    beforeAll(async () => {
      secured = await startSoapErp({ customers: 3, username: 'erp-user', password: 's3cret', latencyMs: 150 });
    });

    afterAll(() => secured.close());

    it('faults calls without a UsernameToken or with a wrong or digest password', async () => {
      for (const header of [
        '',
        usernameToken('erp-user', 'wrong'),
        usernameToken('erp-user', 's3cret', 'PasswordDigest'),
      ]) {
        const response = await post(secured.url, 'GetProduct', body, { header });
        expect(response.status).toBe(500);
        expect(textOf(response.text, 'faultstring')).toEqual(['AuthenticationFailed']);
        expect(response.text).not.toContain('s3cret');
      }
      const v12 = await post(secured.soap12Url, 'GetProduct', body, { version: '1.2' });
      expect(textOf(v12.text, 'Value')).toEqual(['soap:Sender', 't:AuthenticationFailed']);
    });

    it('answers calls with the right PasswordText token, after the configured latency', async () => {
      const started = Date.now();
      const response = await post(secured.url, 'GetProduct', body, { header: usernameToken('erp-user', 's3cret') });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(response.status).toBe(200);
      expect(textOf(response.text, 'ItemNo')).toEqual(['IT00001']);

      const client = await soap.createClientAsync(secured.wsdlUrl);
      client.setSecurity(new soap.WSSecurity('erp-user', 's3cret', { hasTimeStamp: false, hasNonce: false }));
      const [page] = await client.ListCustomersAsync({ PageNumber: 1, PageSize: 10 });
      expect(page.Customers.Customer).toHaveLength(3);
      expect(page.HasMore).toBe(false);
    });
  });
});
