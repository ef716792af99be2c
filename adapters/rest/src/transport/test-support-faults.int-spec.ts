import type { AdapterConnection, SourceRecord } from '@trestle/adapter-sdk';
import { type RestCrm, startRestCrm } from '../../../../test/simulators/rest-crm';
import { type FaultMode, type FaultProxy, startFaultProxy } from '../../../../test/support/fault-proxy';
import {
  type MisbehavingHttpServer,
  type Pathology,
  startMisbehavingHttpServer,
} from '../../../../test/support/misbehaving-http-server';
import { connectRest, itemsDefinition } from '../../test-fixtures/connect-rest';

const TIMEOUT_MS = 500;
const MARGIN_MS = 250;

describe('the CRM simulator behind the fault proxy', () => {
  let crm: RestCrm;
  let proxy: FaultProxy;
  let connection: AdapterConnection | undefined;

  beforeAll(async () => {
    crm = await startRestCrm({ seed: 9, accounts: 30, rateLimit: false });
    proxy = await startFaultProxy({ upstream: crm.url });
  });
  afterAll(async () => {
    await proxy.close();
    await crm.close();
  });
  afterEach(async () => {
    await connection?.close();
    connection = undefined;
  });

  /** A fresh connection (own sockets) whose API calls cross the proxy; the token comes straight from the CRM. */
  async function listThrough(mode: FaultMode) {
    proxy.setMode(mode);
    ({ connection } = await connectRest({
      settings: { baseUrl: proxy.url, auth: { style: 'oauth2ClientCredentials', tokenUrl: crm.tokenUrl } },
      credentials: { clientId: crm.clientId, clientSecret: crm.clientSecret },
      definition: itemsDefinition({ list: { path: '/api/v2/accounts', records: 'data', query: { limit: 100 } } }),
      limits: { timeoutMs: TIMEOUT_MS },
    }));
    const started = performance.now();
    const iterator = connection.list('item')[Symbol.asyncIterator]();
    try {
      const page = await iterator.next();
      return { page, elapsedMs: performance.now() - started };
    } catch (error) {
      return { error: error as Error & Record<string, unknown>, elapsedMs: performance.now() - started };
    }
  }

  it('passes a healthy listing through', async () => {
    const { page, error } = await listThrough({ kind: 'pass' });
    expect(error).toBeUndefined();
    expect(page?.value?.records).toHaveLength(30);
  });

  it("maps a black hole to 'timeout' within the timeout and a small margin", async () => {
    const { error, elapsedMs } = await listThrough({ kind: 'black-hole' });
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it("maps a reset to 'unreachable'", async () => {
    const { error } = await listThrough({ kind: 'reset' });
    expect(error).toMatchObject({ code: 'unreachable', retryable: true });
  });

  it("maps an answer cut off mid-body to 'invalid_response'", async () => {
    const { error } = await listThrough({ kind: 'truncate', bytes: 600 });
    expect(error).toMatchObject({ code: 'invalid_response' });
  });

  it("cuts a slow drip at the timeout with 'timeout'", async () => {
    const { error, elapsedMs } = await listThrough({ kind: 'slow-drip', bytes: 16, everyMs: 40 });
    expect(error).toMatchObject({ code: 'timeout' });
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });
});

describe('the misbehaving HTTP server', () => {
  let server: MisbehavingHttpServer;

  beforeAll(async () => {
    server = await startMisbehavingHttpServer({ oversizedBytes: 32 * 1024 * 1024, slowHeadersMs: 5_000 });
  });
  afterAll(() => server.close());

  async function getWith(mode: Pathology) {
    server.setMode(mode);
    const { connection } = await connectRest({
      settings: { baseUrl: server.url },
      definition: itemsDefinition({ get: { path: '/items/{id}', body: 'xml', record: 'Envelope.Body' } }),
      limits: { timeoutMs: TIMEOUT_MS, maxResponseBytes: 256 * 1024 },
    });
    const started = performance.now();
    try {
      const outcome: { record?: SourceRecord; error?: Error & Record<string, unknown> } = await connection
        .get('item', 'C000001')
        .then(
          (record) => ({ record }),
          (error: Error & Record<string, unknown>) => ({ error }),
        );
      return { ...outcome, elapsedMs: performance.now() - started };
    } finally {
      await connection.close();
    }
  }

  it('reads the healthy XML answer', async () => {
    const { record } = await getWith('ok');
    expect(record).toMatchObject({ GetCustomerResponse: { Customer: { CustomerNo: 'C000001' } } });
  });

  it("maps a 500 with an HTML page to a retryable 'unreachable' carrying the status", async () => {
    const { error } = await getWith('html-500');
    expect(error).toMatchObject({ code: 'unreachable', upstreamStatus: 500, retryable: true });
  });

  it.each(['garbage-xml', 'truncated-xml', 'xxe', 'billion-laughs'] as const)(
    "maps %s to 'invalid_response' at once",
    async (mode) => {
      const { error, elapsedMs } = await getWith(mode);
      expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
      expect(elapsedMs).toBeLessThan(TIMEOUT_MS);
    },
  );

  it("refuses an oversized answer with 'invalid_response' after reading little of it", async () => {
    const { error } = await getWith('oversized');
    expect(error).toMatchObject({ code: 'invalid_response', details: { maxResponseBytes: 256 * 1024 } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.oversizedBytesSent()).toBeLessThan(8 * 1024 * 1024);
  });

  it("cuts slow headers at the timeout with 'timeout'", async () => {
    const { error, elapsedMs } = await getWith('slow-headers');
    expect(error).toMatchObject({ code: 'timeout' });
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });
});
