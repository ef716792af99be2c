import { HTTP } from 'cloudevents';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as it arrived. */
  body: string;
  /** The body as a CloudEvent (parsed by the cloudevents SDK, which validates it). */
  event: Record<string, unknown> & { id: string; type: string; subject: string; sequence: string; data: never };
  /** The signature matched the subscription secret (checked here with node:crypto, as a consumer would). */
  verified: boolean;
  answered: number;
}

export type Responder = (call: ReceivedCall, index: number) => number | Promise<number>;

export interface WebhookConsumer {
  url: string;
  calls: ReceivedCall[];
  /** Calls answered 2xx, in arrival order. */
  accepted(): ReceivedCall[];
  secret: string | undefined;
  respond: Responder;
  waitFor(test: (consumer: WebhookConsumer) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A consumer verifies `x-trestle-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export function verifies(secret: string | undefined, header: string | undefined, body: string): boolean {
  if (!secret || !header) return false;
  const fields = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  if (!fields.t || !fields.v1 || Math.abs(Date.now() / 1000 - Number(fields.t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${fields.t}.${body}`).digest();
  const given = Buffer.from(fields.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookConsumer(respond: Responder = () => 204): Promise<WebhookConsumer> {
  const consumer = {
    calls: [] as ReceivedCall[],
    secret: undefined as string | undefined,
    respond,
  } as WebhookConsumer;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const event = HTTP.toEvent({ headers: request.headers, body }) as unknown as ReceivedCall['event'];
      const signature = request.headers['x-trestle-signature'];
      const call: ReceivedCall = {
        headers: request.headers,
        body,
        event: JSON.parse(JSON.stringify(event)),
        verified: verifies(consumer.secret, Array.isArray(signature) ? signature[0] : signature, body),
        answered: 0,
      };
      const index = consumer.calls.push(call) - 1;
      void Promise.resolve(consumer.respond(call, index)).then((status) => {
        call.answered = status;
        response.writeHead(status).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  consumer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  consumer.accepted = () => consumer.calls.filter((call) => call.answered >= 200 && call.answered < 300);
  consumer.waitFor = async (test, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!test(consumer)) {
      if (Date.now() > deadline)
        throw new Error(`webhook consumer gave up waiting after ${consumer.calls.length} calls`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  consumer.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return consumer;
}
