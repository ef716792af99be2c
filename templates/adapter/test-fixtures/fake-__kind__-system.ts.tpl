import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCustomer {
  id: string;
  name: string;
  email: string;
  status: 'A' | 'I';
  modified: string;
  [field: string]: unknown;
}

export interface Fake__Kind__System {
  url: string;
  token: string;
  customers: FakeCustomer[];
  close(): Promise<void>;
}

export interface Fake__Kind__Options {
  token?: string;
  customers?: number;
  port?: number;
}

/** Customers C001.. with padded names and mixed-case e-mails, modified one day apart from 2024-01-01. */
export function fakeCustomers(count: number): FakeCustomer[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `C${String(index + 1).padStart(3, '0')}`,
    name: `Customer ${index + 1}   `,
    email: `Buyer${index + 1}@Example.COM`,
    status: index % 5 === 4 ? 'I' : 'A',
    modified: new Date(Date.UTC(2024, 0, index + 1)).toISOString(),
  }));
}

/**
 * A stand-in for the legacy system, held in memory behind HTTP: bearer token, offset paging with
 * a total, get, create, update and a changed-since filter. Reshape it like the real system.
 */
export async function startFake__Kind__System(options: Fake__Kind__Options = {}): Promise<Fake__Kind__System> {
  const token = options.token ?? 'fake-token';
  const customers = fakeCustomers(options.customers ?? 25);
  const send = (response: ServerResponse, status: number, body?: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
  };
  const route = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.headers.authorization !== `Bearer ${token}`) return send(response, 401, { error: 'unauthorized' });
    const url = new URL(request.url ?? '/', 'http://fake');
    const [collection, id] = url.pathname.split('/').filter(Boolean);
    if (collection === 'ping') return send(response, 200, { ok: true });
    if (collection !== 'customers') return send(response, 404, { error: 'no such resource' });
    const found = id ? customers.find((customer) => customer.id === decodeURIComponent(id)) : undefined;
    if (request.method === 'GET' && !id) {
      const since = url.searchParams.get('modifiedSince');
      const matching = since ? customers.filter((customer) => customer.modified >= since) : customers;
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 1000);
      return send(response, 200, { items: matching.slice(offset, offset + limit), total: matching.length });
    }
    if (request.method === 'POST' && !id) {
      const created = { ...(await readBody(request)), modified: new Date().toISOString() } as FakeCustomer;
      if (typeof created.id !== 'string' || customers.some((customer) => customer.id === created.id))
        return send(response, 409, { error: 'id missing or taken' });
      customers.push(created);
      return send(response, 201, created);
    }
    if (!found) return send(response, 404, { error: 'not found' });
    if (request.method === 'GET') return send(response, 200, found);
    if (request.method === 'PATCH') {
      Object.assign(found, await readBody(request), { id: found.id, modified: new Date().toISOString() });
      return send(response, 200, found);
    }
    return send(response, 405, { error: 'method not allowed' });
  };
  const server = createServer((request, response) => {
    route(request, response).catch(() => send(response, 400, { error: 'bad request' }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    token,
    customers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
