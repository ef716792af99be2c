import { connectRest, itemsDefinition, rejectionOf } from '../../test-fixtures/connect-rest';
import { type FixtureServer, startFixtureServer } from '../../test-fixtures/fixture-server';

const TIMEOUT_MS = 400;
const MARGIN_MS = 250;
const MAX_BYTES = 64 * 1024;

describe('rest adapter against misbehaving HTTP servers', () => {
  let server: FixtureServer;
  let oversizeBytesWritten = 0;

  beforeAll(async () => {
    server = await startFixtureServer(async (request, response) => {
      switch (request.path) {
        case '/items/black-hole':
          return;
        case '/items/reset':
          response.socket?.resetAndDestroy();
          return;
        case '/items/garbage':
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.end('{"data": {"id": "i1", ');
        case '/items/truncated':
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
          response.write('{"data": {"id": "i1", "name": "');
          setTimeout(() => response.socket?.destroy(), 20);
          return;
        case '/items/html-500':
          response.writeHead(500, { 'content-type': 'text/html' });
          return response.end('<html><body><h1>Internal Server Error</h1></body></html>');
        case '/items/html-200':
          response.writeHead(200, { 'content-type': 'text/html' });
          return response.end('<html><body>Login page</body></html>');
        case '/items/slow-drip': {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"data": {"id": "i1", "name": "');
          const drip = setInterval(() => response.write('a'), 20);
          response.on('close', () => clearInterval(drip));
          return;
        }
        case '/items/oversize': {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"data": {"id": "i1", "name": "');
          const chunk = 'x'.repeat(16 * 1024);
          const pump = () => {
            while (!response.destroyed && oversizeBytesWritten < 64 * 1024 * 1024) {
              oversizeBytesWritten += chunk.length;
              if (!response.write(chunk)) return void response.once('drain', pump);
            }
            response.end('"}}');
          };
          response.on('close', () => response.removeAllListeners('drain'));
          return pump();
        }
        case '/redirect-away':
          response.writeHead(302, { location: 'http://198.51.100.1/items/i1' });
          return response.end();
        case '/redirect-here':
          response.writeHead(301, { location: '/items/i1' });
          return response.end();
        default:
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.end('{"data": {"id": "i1"}}');
      }
    });
  });
  afterAll(() => server.close());

  async function getFails(id: string) {
    const { connection, logger } = await connectRest({
      settings: { baseUrl: server.url },
      limits: { timeoutMs: TIMEOUT_MS, maxResponseBytes: MAX_BYTES },
      definition: itemsDefinition({ get: { path: '/items/{id}', record: 'data' } }),
    });
    const started = performance.now();
    try {
      const error = await rejectionOf(connection.get('item', id));
      return { error, elapsedMs: performance.now() - started, logger };
    } finally {
      await connection.close();
    }
  }

  it("cuts a server that never answers at the timeout with 'timeout'", async () => {
    const { error, elapsedMs } = await getFails('black-hole');
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it("cuts a body that drips slowly at the timeout, whole-call, with 'timeout'", async () => {
    const { error, elapsedMs } = await getFails('slow-drip');
    expect(error).toMatchObject({ code: 'timeout' });
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it("maps a reset connection to 'unreachable' (retryable)", async () => {
    const { error } = await getFails('reset');
    expect(error).toMatchObject({ code: 'unreachable', retryable: true });
  });

  it("maps a refused connection to 'unreachable'", async () => {
    const closed = await startFixtureServer(() => undefined);
    await closed.close();
    const { connection } = await connectRest({ settings: { baseUrl: closed.url } });
    try {
      await expect(connection.get('item', 'i1')).rejects.toMatchObject({
        code: 'unreachable',
        details: { transportCode: 'ECONNREFUSED' },
      });
    } finally {
      await connection.close();
    }
  });

  it.each(['garbage', 'truncated', 'html-200'])("maps a %s body to 'invalid_response'", async (id) => {
    const { error } = await getFails(id);
    expect(error).toMatchObject({ code: 'invalid_response' });
  });

  it("maps a 500 with an HTML body to a retryable 'unreachable' with the status", async () => {
    const { error } = await getFails('html-500');
    expect(error).toMatchObject({ code: 'unreachable', upstreamStatus: 500, retryable: true });
    expect(error.message).not.toContain('<html>');
  });

  it("refuses a body over maxResponseBytes with 'invalid_response', without reading all of it", async () => {
    oversizeBytesWritten = 0;
    const { error, elapsedMs } = await getFails('oversize');
    expect(error).toMatchObject({
      code: 'invalid_response',
      retryable: false,
      details: { maxResponseBytes: MAX_BYTES },
    });
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(oversizeBytesWritten).toBeLessThan(16 * 1024 * 1024);
  });

  it('follows a redirect on the same origin and refuses one to another host', async () => {
    const definition = itemsDefinition({
      get: { path: '/items/{id}', record: 'data' },
      list: { path: '/redirect-away', records: 'data' },
    });
    const { connection } = await connectRest({ settings: { baseUrl: server.url }, definition });
    try {
      await expect(connection.passthrough('here', {})).rejects.toMatchObject({ code: 'unsupported' });
      const error = await rejectionOf(connection.list('item')[Symbol.asyncIterator]().next());
      expect(error).toMatchObject({ code: 'invalid_response', upstreamStatus: 302 });
      expect(server.requests.some((request) => request.path === '/items/i1' && request.method === 'GET')).toBe(false);
    } finally {
      await connection.close();
    }
    const here = await connectRest({
      settings: { baseUrl: server.url },
      definition: itemsDefinition({}, { here: { path: '/redirect-here', record: 'data' } }),
    });
    try {
      await expect(here.connection.passthrough('here', {})).resolves.toEqual({ id: 'i1' });
    } finally {
      await here.connection.close();
    }
  });
});
