import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AdapterError, type AdapterConnection, type ConnectorDefinition } from '@trestle/adapter-sdk';
import { captureLogger, findSecretLeaks, testConnectorDefinition } from '@trestle/adapter-sdk/testing';
import { WSDL } from 'soap';
import { startSoapErp, type SoapErp } from '../../../test/simulators/soap-erp';
import { type FaultProxy, startFaultProxy } from '../../../test/support/fault-proxy';
import {
  type MisbehavingHttpServer,
  type Pathology,
  startMisbehavingHttpServer,
} from '../../../test/support/misbehaving-http-server';
import { connectSoap, erpDefinition } from '../test-fixtures/connect-soap';

const PASSWORD = 'Fault-Inject-pw-9';
const MARGIN_MS = 250;
const MISBEHAVING_WSDL = join(__dirname, '..', 'test-fixtures', 'misbehaving', 'misbehaving.wsdl');
const misbehavingDefinition: ConnectorDefinition = testConnectorDefinition('soap', {
  customer: {
    sourceId: 'CustomerNo',
    operations: { get: { operation: 'GetCustomer', idArg: 'CustomerNo', record: 'Customer' } },
    fields: { name: { path: 'Name' } },
  },
});

async function failure(call: Promise<unknown>): Promise<{ error: AdapterError; ms: number }> {
  const started = performance.now();
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  const ms = performance.now() - started;
  if (!AdapterError.is(error)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return { error, ms };
}

describe('SOAP adapter under network faults and misbehaving servers', () => {
  const logger = captureLogger();
  let erp: SoapErp;
  let proxy: FaultProxy;
  let misbehaving: MisbehavingHttpServer;
  let statusServer: Server;
  let statusUrl: string;
  let statusToSend = 401;
  let erpDefinitionParsed: ConnectorDefinition;

  beforeAll(async () => {
    erpDefinitionParsed = await erpDefinition();
    erp = await startSoapErp({ username: 'u', password: PASSWORD, customers: 120 });
    proxy = await startFaultProxy({ upstream: erp.url });
    misbehaving = await startMisbehavingHttpServer({ oversizedBytes: 20 * 1024 * 1024, slowHeadersMs: 3000 });
    statusServer = createServer((request, response) => {
      request.resume();
      response.writeHead(statusToSend, { 'content-type': 'text/plain', 'retry-after': '7' }).end('go away');
    });
    await new Promise<void>((resolve) => statusServer.listen(0, '127.0.0.1', resolve));
    statusUrl = `http://127.0.0.1:${(statusServer.address() as AddressInfo).port}/soap`;
  });

  afterAll(async () => {
    await proxy.close();
    await erp.close();
    await misbehaving.close();
    statusServer.closeAllConnections();
    await new Promise((resolve) => statusServer.close(resolve));
  });

  afterEach(() => {
    proxy.setMode({ kind: 'pass' });
    misbehaving.setMode('ok');
    expect(logger.calls.flatMap((call) => findSecretLeaks(call, [PASSWORD]))).toEqual([]);
  });

  describe('through a fault proxy in front of the ERP', () => {
    let connection: AdapterConnection;
    const timeoutMs = 600;

    beforeAll(async () => {
      connection = await connectSoap({
        definition: erpDefinitionParsed,
        settings: { wsdl: erp.wsdlUrl, endpoint: `${proxy.url}/erp` },
        credentials: { username: 'u', password: PASSWORD },
        logger,
        limits: { timeoutMs },
      });
      await connection.get('customer', 'C000001');
    });

    afterAll(() => connection.close());

    it('times out a black hole at timeoutMs (plus a small margin)', async () => {
      proxy.setMode({ kind: 'black-hole' });
      const { error, ms } = await failure(connection.get('customer', 'C000001'));
      expect(error.code).toBe('timeout');
      expect(ms).toBeGreaterThanOrEqual(timeoutMs - 20);
      expect(ms).toBeLessThan(timeoutMs + MARGIN_MS);
    });

    it('reports a reset connection as unreachable', async () => {
      proxy.setMode({ kind: 'reset' });
      const { error } = await failure(connection.get('customer', 'C000001'));
      expect(error.code).toBe('unreachable');
      expect(error.retryable).toBe(true);
    });

    it('reports a body cut off mid-way as invalid_response', async () => {
      proxy.setMode({ kind: 'truncate', bytes: 2000 });
      const { error } = await failure(
        (async () => {
          for await (const page of connection.list('customer', { pageSize: 100 })) return page;
        })(),
      );
      expect(error.code).toBe('invalid_response');
    });

    it('cuts a slow drip at the timeout although bytes keep arriving', async () => {
      proxy.setMode({ kind: 'slow-drip', bytes: 64, everyMs: 20 });
      const { error, ms } = await failure(
        (async () => {
          for await (const page of connection.list('customer', { pageSize: 100 })) return page;
        })(),
      );
      expect(error.code).toBe('timeout');
      expect(ms).toBeLessThan(timeoutMs + MARGIN_MS);
    });

    it('works through added latency below the limit, and after every fault above', async () => {
      proxy.setMode({ kind: 'latency', ms: 100 });
      await expect(connection.get('customer', 'C000002')).resolves.toMatchObject({ CustomerNo: 'C000002' });
    });
  });

  describe('against a misbehaving HTTP server', () => {
    let connection: AdapterConnection;
    const timeoutMs = 500;
    const parse = jest.spyOn(WSDL.prototype, 'xmlToObject');

    beforeAll(async () => {
      connection = await connectSoap({
        definition: misbehavingDefinition,
        settings: { wsdl: MISBEHAVING_WSDL, endpoint: misbehaving.url },
        logger,
        limits: { timeoutMs, maxResponseBytes: 1024 * 1024 },
      });
    });

    afterAll(async () => {
      parse.mockRestore();
      await connection.close();
    });

    beforeEach(() => parse.mockClear());

    const call = (mode: Pathology) => {
      misbehaving.setMode(mode);
      return failure(connection.get('customer', 'C000001'));
    };

    it('reads the healthy answer (so the failures below come from the pathologies)', async () => {
      await expect(connection.get('customer', 'C000001')).resolves.toEqual({
        CustomerNo: 'C000001',
        Name: 'Healthy Ltd',
      });
      expect(parse).toHaveBeenCalled();
    });

    it('types an HTML 500 page as invalid_response carrying the status', async () => {
      const { error } = await call('html-500');
      expect(error).toMatchObject({ code: 'invalid_response', upstreamStatus: 500 });
      expect(parse).not.toHaveBeenCalled();
    });

    it.each(['garbage-xml', 'truncated-xml'] as const)('reports %s as invalid_response', async (mode) => {
      const { error } = await call(mode);
      expect(error.code).toBe('invalid_response');
    });

    it('maps a server fault about a lock timeout to unreachable (retryable), fault string in details', async () => {
      const { error } = await call('soap-fault');
      expect(error).toMatchObject({
        code: 'unreachable',
        retryable: true,
        upstreamStatus: 'soap:Server',
        details: { faultstring: 'Internal ERP error: lock timeout on table CUSTMAST' },
      });
    });

    it('refuses an oversize answer as invalid_response without reading it all', async () => {
      const { error, ms } = await call('oversized');
      expect(error.code).toBe('invalid_response');
      expect(error.message).toContain('larger than 1048576 bytes');
      expect(ms).toBeLessThan(timeoutMs);
      expect(misbehaving.oversizedBytesSent()).toBeLessThan(8 * 1024 * 1024);
      expect(parse).not.toHaveBeenCalled();
    });

    it.each(['xxe', 'billion-laughs'] as const)('refuses a %s payload before any XML parser sees it', async (mode) => {
      const heapBefore = process.memoryUsage().heapUsed;
      const { error, ms } = await call(mode);
      expect(error.code).toBe('invalid_response');
      expect(error.message).toContain('DTD');
      expect(ms).toBeLessThan(timeoutMs);
      expect(parse).not.toHaveBeenCalled();
      expect(JSON.stringify({ message: error.message, details: error.details })).not.toMatch(/root:x:0:0/);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    });

    it('times out headers that never come', async () => {
      const { error, ms } = await call('slow-headers');
      expect(error.code).toBe('timeout');
      expect(ms).toBeLessThan(timeoutMs + MARGIN_MS);
    });
  });

  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [429, 'rate_limited'],
    [503, 'unreachable'],
  ] as const)('maps HTTP %s without a SOAP envelope to %s', async (status, code) => {
    statusToSend = status;
    const connection = await connectSoap({
      definition: misbehavingDefinition,
      settings: { wsdl: MISBEHAVING_WSDL, endpoint: statusUrl },
      logger,
    });
    const { error } = await failure(connection.get('customer', 'C000001'));
    await connection.close();
    expect(error).toMatchObject({ code, upstreamStatus: status });
    if (status === 429) expect(error.retryAfterMs).toBe(7000);
  });

  it('reports a refused connection as unreachable', async () => {
    const connection = await connectSoap({
      definition: misbehavingDefinition,
      settings: { wsdl: MISBEHAVING_WSDL, endpoint: 'http://127.0.0.1:9/soap' },
      logger,
    });
    const { error } = await failure(connection.get('customer', 'C000001'));
    await connection.close();
    expect(error).toMatchObject({ code: 'unreachable', upstreamStatus: 'ECONNREFUSED' });
  });
});
