import { request } from 'node:http';
import { OK_BODY, startMisbehavingHttpServer, type MisbehavingHttpServer } from './misbehaving-http-server';

async function get(server: MisbehavingHttpServer, timeoutMs = 2000) {
  const response = await fetch(server.url, { method: 'POST', body: '<x/>', signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

describe('misbehaving HTTP server', () => {
  let server: MisbehavingHttpServer;

  beforeAll(async () => {
    server = await startMisbehavingHttpServer({ slowHeadersMs: 400 });
  });

  afterAll(() => server.close());

  it('answers well-formed SOAP in ok mode', async () => {
    server.setMode('ok');
    expect(await get(server)).toEqual({ status: 200, type: 'text/xml; charset=utf-8', text: OK_BODY });
  });

  it('answers 500 with an HTML page', async () => {
    server.setMode('html-500');
    const response = await get(server);
    expect(response.status).toBe(500);
    expect(response.type).toMatch(/^text\/html/);
    expect(response.text).toMatch(/^<!DOCTYPE html>.*Internal Server Error/);
  });

  it('answers text/xml that is not XML, and XML cut in the middle', async () => {
    server.setMode('garbage-xml');
    const garbage = await get(server);
    expect(garbage.type).toMatch(/^text\/xml/);
    expect(garbage.text.startsWith('<')).toBe(false);

    server.setMode('truncated-xml');
    const truncated = await get(server);
    expect(truncated.status).toBe(200);
    expect(OK_BODY.startsWith(truncated.text)).toBe(true);
    expect(truncated.text.length).toBeLessThan(OK_BODY.length);
    expect(truncated.text).not.toContain('</soap:Envelope>');
  });

  it('answers a SOAP fault with status 500', async () => {
    server.setMode('soap-fault');
    const response = await get(server);
    expect(response.status).toBe(500);
    expect(response.text).toContain('<faultcode>soap:Server</faultcode>');
  });

  it('serves an XXE payload and a billion-laughs payload', async () => {
    server.setMode('xxe');
    const xxe = await get(server);
    expect(xxe.text).toContain('<!ENTITY xxe SYSTEM "file:///etc/passwd">');
    expect(xxe.text).toContain('&xxe;');
    expect(xxe.text).not.toContain('root:');

    server.setMode('billion-laughs');
    const laughs = await get(server);
    expect(laughs.text.match(/<!ENTITY lol\d? /g)).toHaveLength(10);
    expect(laughs.text).toContain('&lol9;');
    expect(laughs.text.length).toBeLessThan(2000);
  });

  it('streams an oversized body of the configured size', async () => {
    const big = await startMisbehavingHttpServer({ mode: 'oversized', oversizedBytes: 3 * 1024 * 1024 });
    try {
      const response = await get(big);
      expect(response.text.length).toBeGreaterThan(3 * 1024 * 1024 - 70_000);
      expect(response.text.length).toBeLessThanOrEqual(3 * 1024 * 1024);
      expect(response.text.endsWith('</soap:Envelope>')).toBe(true);
    } finally {
      await big.close();
    }
  });

  it('streams 20 MiB by default, and stops when the client goes away', async () => {
    const big = await startMisbehavingHttpServer({ mode: 'oversized' });
    try {
      const received = await new Promise<number>((resolve, reject) => {
        let bytes = 0;
        const call = request(big.url, (response) => {
          response.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes > 1024 * 1024) {
              call.destroy();
              resolve(bytes);
            }
          });
        });
        call.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
        call.end();
      });
      expect(received).toBeGreaterThan(1024 * 1024);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(big.oversizedBytesSent()).toBeLessThan(20 * 1024 * 1024);
    } finally {
      await big.close();
    }
  });

  it('holds back its headers in slow-headers mode', async () => {
    server.setMode('slow-headers');
    await expect(get(server, 150)).rejects.toThrow();
    const started = Date.now();
    const response = await get(server);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(response.text).toBe(OK_BODY);
  });
});
