import { brotliCompressSync, gzipSync } from 'node:zlib';
import { type FixtureServer, startFixtureServer } from '../../test-fixtures/fixture-server';
import { withCallScope } from './call-scope';
import { HttpTransport } from './http-transport';

const MAX_BYTES = 64 * 1024;

describe('HttpTransport (node:http, keep-alive)', () => {
  let server: FixtureServer;
  let transport: HttpTransport;
  const remotePorts = new Set<number>();

  beforeAll(async () => {
    server = await startFixtureServer((request, response) => {
      const json = JSON.stringify({ path: request.path, query: Object.fromEntries(request.query) });
      switch (request.path) {
        case '/gzip':
          response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          return response.end(gzipSync(json));
        case '/br':
          response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
          return response.end(brotliCompressSync(json));
        case '/bomb':
          response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          return response.end(gzipSync(Buffer.alloc(8 * MAX_BYTES, 'x')));
        case '/echo':
          remotePorts.add(response.socket?.remotePort ?? 0);
          response.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] });
          return response.end(`${request.method} ${request.headers['content-length'] ?? '-'} ${request.body}`);
        default:
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.end(json);
      }
    });
    transport = new HttpTransport({ timeoutMs: 2000, maxResponseBytes: MAX_BYTES });
  });

  afterAll(async () => {
    transport.close();
    await server.close();
  });

  const send = (path: string, extra: { query?: Record<string, string | number | boolean>; body?: string } = {}) =>
    withCallScope(2000, undefined, (scope) =>
      transport.send(
        { method: extra.body === undefined ? 'GET' : 'POST', url: `${server.url}${path}`, headers: {}, ...extra },
        scope,
        'test call',
      ),
    );

  it('decodes gzip and brotli bodies and asks for them', async () => {
    for (const path of ['/gzip', '/br']) {
      const response = await send(path);
      expect(JSON.parse(response.body.toString())).toMatchObject({ path });
    }
    expect(server.requests.at(-1)?.headers['accept-encoding']).toContain('gzip');
  });

  it('caps the decoded size, not the compressed one', async () => {
    await expect(send('/bomb')).rejects.toMatchObject({
      code: 'invalid_response',
      details: { maxResponseBytes: MAX_BYTES },
    });
  });

  it('encodes the query the way legacy servers expect and decodes it back intact', async () => {
    const query = { since: '2024-01-01T00:00:00Z', q: 'a b&c=d', list: 'x,y', n: 5, yes: true };
    const response = await send('/plain', { query });
    expect(JSON.parse(response.body.toString()).query).toEqual({ ...query, n: '5', yes: 'true' });
  });

  it('sends bodies with their length, joins repeated headers, and reuses its connection', async () => {
    remotePorts.clear();
    const first = await send('/echo', { body: 'héllo' });
    expect(first.body.toString()).toBe('POST 6 héllo');
    expect(first.headers['set-cookie']).toBe('a=1, b=2');
    await send('/echo', { body: 'again' });
    await send('/echo', { body: 'and again' });
    expect(remotePorts.size).toBe(1);
  });
});
