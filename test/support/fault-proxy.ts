import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export type FaultMode =
  | { kind: 'pass' }
  /** Each chunk from upstream reaches the client `ms` later. */
  | { kind: 'latency'; ms: number }
  /** The client's connection is reset (RST) as soon as it opens, or at the next upstream chunk on an open one. */
  | { kind: 'reset' }
  /** Connections are accepted and never answered; nothing reaches upstream. */
  | { kind: 'black-hole' }
  /** The first `bytes` of upstream's answer on each connection get through, then the connection closes. */
  | { kind: 'truncate'; bytes: number }
  /** Upstream's answer trickles: `bytes` every `everyMs`. */
  | { kind: 'slow-drip'; bytes: number; everyMs: number };

export interface FaultProxyOptions {
  /** `http://host:port`, `host:port`, or a port on 127.0.0.1. */
  upstream: string | number | { host: string; port: number };
  mode?: FaultMode;
  port?: number;
}

export interface FaultProxy {
  host: string;
  port: number;
  /** `http://127.0.0.1:<port>`, for HTTP upstreams. */
  url: string;
  /** Applies to new connections and, from their next upstream chunk, to open ones. */
  setMode(mode: FaultMode): void;
  mode(): FaultMode;
  /** Client connections accepted so far. */
  connectionCount(): number;
  close(): Promise<void>;
}

function upstreamAddress(upstream: FaultProxyOptions['upstream']): { host: string; port: number } {
  if (typeof upstream === 'number') return { host: '127.0.0.1', port: upstream };
  if (typeof upstream === 'object') return upstream;
  const url = new URL(upstream.includes('://') ? upstream : `tcp://${upstream}`);
  return { host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
}

/** A TCP proxy in front of any upstream whose misbehaviour can be switched while tests run. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = upstreamAddress(options.upstream);
  let mode: FaultMode = options.mode ?? { kind: 'pass' };
  let accepted = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };

  const server = createServer((client) => {
    accepted++;
    track(client);
    if (mode.kind === 'reset') return client.resetAndDestroy();
    if (mode.kind === 'black-hole') return client.resume();

    const upstream = createConnection(target);
    track(upstream);
    client.pipe(upstream);
    client.once('close', () => upstream.destroy());

    const queue: { chunk: Buffer; at: number }[] = [];
    let upstreamEnded = false;
    let pumping = false;
    let truncatedSent = 0;
    const finished = () => client.destroyed || client.writableEnded;

    const write = (chunk: Buffer) => (finished() ? undefined : client.write(chunk));
    const pump = async () => {
      if (pumping) return;
      pumping = true;
      while (queue.length > 0 && !finished()) {
        const { chunk, at } = queue.shift()!;
        const current = mode;
        switch (current.kind) {
          case 'reset':
            client.resetAndDestroy();
            upstream.destroy();
            return;
          case 'black-hole':
            break;
          case 'latency':
            await delay(Math.max(0, at + current.ms - Date.now()));
            write(chunk);
            break;
          case 'slow-drip':
            for (let offset = 0; offset < chunk.length && !finished(); offset += current.bytes) {
              write(chunk.subarray(offset, offset + current.bytes));
              await delay(current.everyMs);
            }
            break;
          case 'truncate': {
            const allowed = Math.max(0, current.bytes - truncatedSent);
            write(chunk.subarray(0, allowed));
            truncatedSent += Math.min(allowed, chunk.length);
            if (truncatedSent >= current.bytes) {
              client.end();
              upstream.destroy();
              return;
            }
            break;
          }
          default:
            write(chunk);
        }
      }
      pumping = false;
      if (upstreamEnded && queue.length === 0 && !finished()) client.end();
    };

    upstream.on('data', (chunk: Buffer) => {
      queue.push({ chunk, at: Date.now() });
      void pump();
    });
    upstream.once('end', () => {
      upstreamEnded = true;
      void pump();
    });
    upstream.once('error', () => client.destroy());
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    setMode: (next) => {
      mode = next;
    },
    mode: () => mode,
    connectionCount: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
