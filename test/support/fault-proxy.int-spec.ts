import { createConnection, createServer, type AddressInfo, type Server } from 'node:net';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

const ANSWER = Buffer.from(Array.from({ length: 1000 }, (_, index) => String(index % 10)).join(''));

interface Exchange {
  received: Buffer;
  chunks: number[];
  error?: string;
  elapsedMs: number;
  timedOut: boolean;
}

/** Sends one line through the proxy and collects what comes back until close, error or `timeoutMs`. */
function exchange(proxy: FaultProxy, timeoutMs = 2000): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const parts: Buffer[] = [];
    const socket = createConnection({ host: proxy.host, port: proxy.port });
    let error: string | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, timeoutMs);
    socket.on('connect', () => socket.write('hello\n'));
    socket.on('data', (chunk) => parts.push(chunk));
    socket.on('error', (failure: NodeJS.ErrnoException) => {
      error = failure.code;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({
        received: Buffer.concat(parts),
        chunks: parts.map((part) => part.length),
        error,
        elapsedMs: Date.now() - started,
        timedOut,
      });
    });
  });
}

describe('fault proxy', () => {
  let upstream: Server;
  let upstreamConnections = 0;
  let proxy: FaultProxy;

  beforeAll(async () => {
    upstream = createServer((socket) => {
      upstreamConnections++;
      socket.once('data', () => socket.end(ANSWER));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    proxy = await startFaultProxy({ upstream: (upstream.address() as AddressInfo).port });
  });

  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  beforeEach(() => {
    upstreamConnections = 0;
  });

  it('passes the whole answer through', async () => {
    proxy.setMode({ kind: 'pass' });
    const result = await exchange(proxy);
    expect(result.received.equals(ANSWER)).toBe(true);
    expect(result.error).toBeUndefined();
    expect(upstreamConnections).toBe(1);
  });

  it('delays the answer by the configured latency', async () => {
    proxy.setMode({ kind: 'latency', ms: 300 });
    const result = await exchange(proxy);
    expect(result.received.equals(ANSWER)).toBe(true);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(290);
  });

  it('resets connections', async () => {
    proxy.setMode({ kind: 'reset' });
    const result = await exchange(proxy);
    expect(result.error).toBe('ECONNRESET');
    expect(result.received.length).toBe(0);
    expect(upstreamConnections).toBe(0);
  });

  it('black-holes connections: accepted, never answered, never forwarded', async () => {
    proxy.setMode({ kind: 'black-hole' });
    const before = proxy.connectionCount();
    const result = await exchange(proxy, 400);
    expect(result.timedOut).toBe(true);
    expect(result.received.length).toBe(0);
    expect(proxy.connectionCount()).toBe(before + 1);
    expect(upstreamConnections).toBe(0);
  });

  it('truncates the answer after N bytes and closes', async () => {
    proxy.setMode({ kind: 'truncate', bytes: 137 });
    const result = await exchange(proxy);
    expect(result.timedOut).toBe(false);
    expect(result.received.equals(ANSWER.subarray(0, 137))).toBe(true);
  });

  it('drips the answer N bytes every M ms', async () => {
    proxy.setMode({ kind: 'slow-drip', bytes: 100, everyMs: 40 });
    const result = await exchange(proxy, 3000);
    expect(result.received.equals(ANSWER)).toBe(true);
    expect(Math.max(...result.chunks)).toBeLessThanOrEqual(100);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(9 * 40);
  });

  it('switches modes while it runs', async () => {
    proxy.setMode({ kind: 'reset' });
    expect((await exchange(proxy)).error).toBe('ECONNRESET');
    proxy.setMode({ kind: 'pass' });
    expect((await exchange(proxy)).received.equals(ANSWER)).toBe(true);
    expect(proxy.mode()).toEqual({ kind: 'pass' });
  });
});
