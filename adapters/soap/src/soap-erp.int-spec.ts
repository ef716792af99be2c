import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdapterError,
  type AdapterConnection,
  type ConnectorDefinition,
  mapRecord,
  type SourceRecord,
} from '@trestle/adapter-sdk';
import { captureLogger, findSecretLeaks } from '@trestle/adapter-sdk/testing';
import { startSoapErp, type SoapErp } from '../../../test/simulators/soap-erp';
import { ERP_TYPES_XSD, erpWsdl } from '../../../test/simulators/soap-erp/erp-wsdl';
import type { SoapSettings } from './soap-settings';
import { connectSoap, erpDefinition } from '../test-fixtures/connect-soap';

const USERNAME = 'erp-user';
const PASSWORD = 'Erp&<Secret>-42';

async function all(connection: AdapterConnection, entity: string, pageSize = 100): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const page of connection.list(entity, { pageSize })) records.push(...page.records);
  return records;
}

async function failure(call: Promise<unknown>): Promise<AdapterError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!AdapterError.is(error)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return error;
}

describe('SOAP adapter on the simulated ERP: bindings, WSDL sources, mapping, writes', () => {
  const logger = captureLogger();
  let erp: SoapErp;
  let definition: ConnectorDefinition;
  let workDir: string;

  beforeAll(async () => {
    definition = await erpDefinition();
    erp = await startSoapErp({ username: USERNAME, password: PASSWORD, customers: 30 });
    workDir = await mkdtemp(join(tmpdir(), 'trestle-soap-'));
  });

  afterAll(async () => {
    await erp.close();
    await rm(workDir, { recursive: true, force: true });
  });

  afterEach(() => {
    const leaks = logger.calls.flatMap((call) => findSecretLeaks(call, [PASSWORD]));
    expect(leaks).toEqual([]);
  });

  const connect = (settings: Partial<SoapSettings> = {}, password = PASSWORD, timeoutMs = 5000) =>
    connectSoap({
      definition,
      settings: { wsdl: erp.wsdlUrl, ...settings },
      credentials: { username: USERNAME, password },
      logger,
      limits: { timeoutMs },
    });

  it('speaks SOAP 1.2 on the 1.2 port: lists, gets, and maps Sender faults (NotFound, AuthenticationFailed)', async () => {
    const connection = await connect({ soapVersion: '1.2' });
    try {
      await expect(connection.check()).resolves.toMatchObject({
        ok: true,
        details: { service: 'ErpService', port: 'ErpSoap12Port', soapVersion: '1.2', operations: 11 },
      });
      expect((await all(connection, 'customer', 7)).length).toBe(30);
      await expect(connection.get('customer', 'C000004')).resolves.toMatchObject({ CustomerNo: 'C000004' });
      const missing = await failure(connection.get('customer', 'C999999'));
      expect(missing.code).toBe('not_found');
      expect(missing.details).toMatchObject({ faultcode: 'soap:Sender t:NotFound', faultstring: 'NotFound' });
    } finally {
      await connection.close();
    }
    const wrong = await connect({ soapVersion: '1.2' }, 'not-the-password');
    const denied = await failure(wrong.get('customer', 'C000001'));
    await wrong.close();
    expect(denied.code).toBe('auth');
    expect(findSecretLeaks(denied, [PASSWORD, 'not-the-password'])).toEqual([]);
  });

  it('sends a PasswordDigest token when asked (this ERP accepts PasswordText only, so it answers auth)', async () => {
    const connection = await connect({ passwordType: 'PasswordDigest' });
    const error = await failure(connection.get('customer', 'C000001'));
    await connection.close();
    expect(error.code).toBe('auth');
    expect(error.details.faultstring).toBe('AuthenticationFailed');
  });

  it('loads a WSDL from a local file whose XSD import is relative, and calls the endpoint override', async () => {
    await mkdir(join(workDir, 'types'), { recursive: true });
    await writeFile(join(workDir, 'types', 'erp-types.xsd'), ERP_TYPES_XSD);
    const wsdl = erpWsdl({
      soap11Url: 'http://127.0.0.1:9/nowhere',
      soap12Url: 'http://127.0.0.1:9/nowhere12',
      typesLocation: 'types/erp-types.xsd',
    });
    await writeFile(join(workDir, 'erp.wsdl'), wsdl);
    const connection = await connect({ wsdl: join(workDir, 'erp.wsdl'), endpoint: erp.soap11Url });
    try {
      const customer = await connection.get('customer', 'C000002');
      expect(customer).toMatchObject({ CustomerNo: 'C000002', CreditLimit: expect.stringMatching(/^\d+\.\d{2}$/) });
      expect(customer.LastChanged).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    } finally {
      await connection.close();
    }
  });

  it('maps every customer, product, order (with lines) and invoice with the example definition', async () => {
    const connection = await connect();
    try {
      const mapped = Object.fromEntries(
        await Promise.all(
          ['customer', 'product', 'order', 'invoice'].map(async (entity) => [
            entity,
            (await all(connection, entity, 50)).map((record) => mapRecord(definition.entities[entity], record)),
          ]),
        ),
      ) as Record<string, ReturnType<typeof mapRecord>[]>;
      expect(mapped.customer).toHaveLength(30);
      expect(mapped.product).toHaveLength(20);
      expect(mapped.order.length).toBeGreaterThan(10);
      expect(mapped.invoice.length).toBeGreaterThan(0);
      const money = { amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: expect.stringMatching(/^[A-Z]{3}$/) };
      for (const { values } of mapped.customer) {
        expect(values).toMatchObject({ name: expect.any(String), creditLimit: money });
        expect(['active', 'inactive', 'blocked']).toContain(values.status);
        expect(values.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      }
      for (const { values } of mapped.product) {
        expect(values).toMatchObject({
          sku: expect.stringMatching(/^IT\d{5}$/),
          price: money,
          active: expect.any(Boolean),
        });
      }
      for (const { values, sourceId } of mapped.order) {
        expect(values.number).toBe(sourceId);
        expect(['open', 'confirmed', 'shipped', 'invoiced', 'cancelled']).toContain(values.status);
        expect(values.orderedAt).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/);
        const lines = values.lines as Record<string, unknown>[];
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
          expect(line).toEqual({
            lineNo: expect.any(Number),
            productSourceId: expect.stringMatching(/^IT\d{5}$/),
            quantity: expect.stringMatching(/^\d+$/),
            unitPrice: { amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'EUR' },
          });
        }
      }
      for (const { values } of mapped.invoice) {
        expect(values).toMatchObject({ amount: money, paid: expect.any(Boolean) });
        expect(values.issuedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(values.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    } finally {
      await connection.close();
    }
  });

  it('creates and updates a customer, and reads the stock level through the declared passthrough only', async () => {
    const connection = await connect();
    try {
      const created = await connection.create('customer', {
        Name: 'Write Path AG',
        Email: 'ap@write-path.example',
        CreditLimit: '2500.00',
        Currency: 'CHF',
      });
      expect(created).toMatchObject({ Name: 'Write Path AG', Status: 'A', CreditLimit: '2500.00' });
      const id = String(created.CustomerNo);
      const updated = await connection.update('customer', id, { Email: 'billing@write-path.example', Status: 'B' });
      expect(updated).toMatchObject({ CustomerNo: id, Email: 'billing@write-path.example', Status: 'B' });
      expect(erp.record('Customer', id)).toMatchObject({ Email: 'billing@write-path.example', Status: 'B' });

      const invalid = await failure(connection.update('customer', id, { Email: 'not-an-address' }));
      expect(invalid.code).toBe('rejected');
      expect(invalid.details.faultdetail).toContain('Email');

      const stock = (await connection.passthrough('GetStockLevel', { ItemNo: 'IT00003' })) as Record<string, unknown>;
      expect(stock).toMatchObject({ ItemNo: 'IT00003', Warehouse: 'WH01', OnHand: expect.any(Number) });
      expect((await failure(connection.passthrough('ListCustomers', {}))).code).toBe('unsupported');
      expect((await failure(connection.passthrough('toString', {}))).code).toBe('unsupported');
    } finally {
      await connection.close();
    }
  });

  it('reports a WSDL that is not there as unreachable, from check() and from calls', async () => {
    const connection = await connect({ wsdl: `${erp.url}/missing?wsdl` });
    try {
      const checked = await failure(connection.check());
      expect(checked.code).toBe('unreachable');
      expect(checked.upstreamStatus).toBe(404);
      expect((await failure(connection.get('customer', 'C000001'))).code).toBe('unreachable');
    } finally {
      await connection.close();
    }
    const missingFile = await connect({ wsdl: join(workDir, 'absent.wsdl') });
    expect((await failure(missingFile.check())).code).toBe('unreachable');
    await missingFile.close();
  });

  it('times out a slow answer at timeoutMs, cutting the socket, and serves the next call', async () => {
    const connection = await connect({}, PASSWORD, 300);
    try {
      await connection.get('customer', 'C000001');
      erp.setLatency(1000);
      const started = performance.now();
      const error = await failure(connection.get('customer', 'C000001'));
      const elapsed = performance.now() - started;
      erp.setLatency(0);
      expect(error.code).toBe('timeout');
      expect(error.retryable).toBe(true);
      expect(elapsed).toBeGreaterThanOrEqual(280);
      expect(elapsed).toBeLessThan(300 + 250);
      await expect(connection.get('customer', 'C000001')).resolves.toMatchObject({ CustomerNo: 'C000001' });
    } finally {
      erp.setLatency(0);
      await connection.close();
    }
  });

  it('fails every call after close()', async () => {
    const connection = await connect();
    await connection.get('customer', 'C000001');
    await connection.close();
    expect((await failure(connection.get('customer', 'C000001'))).code).toBe('unreachable');
  });
});
