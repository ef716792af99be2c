import type { AdapterConnection, Page } from '@trestle/adapter-sdk';
import { connectRest, itemsDefinition, rejectionOf } from '../../test-fixtures/connect-rest';
import {
  type FixtureServer,
  type ReceivedRequest,
  sendJson,
  startFixtureServer,
} from '../../test-fixtures/fixture-server';
import type { RestOperationSpec } from '../rest-operation-spec';

const ITEMS = Array.from({ length: 10 }, (_, index) => ({
  id: `i${index + 1}`,
  kind: index % 2 === 0 ? 'even' : 'odd',
  modified: 1_700_000_000 + index * 1_000,
}));

function answer(request: ReceivedRequest): { status: number; body?: unknown; headers?: Record<string, string> } {
  const size = Number(request.query.get('size') ?? request.query.get('limit') ?? 100);
  const since = Number(request.query.get('since') ?? 0);
  const visible = ITEMS.filter((item) => item.modified >= since);
  switch (`${request.method} ${request.path}`) {
    case 'GET /paged': {
      const page = Number(request.query.get('page'));
      return {
        status: 200,
        body: { items: visible.slice((page - 1) * size, page * size), pages: Math.ceil(visible.length / size) },
      };
    }
    case 'GET /offset': {
      const offset = Number(request.query.get('offset'));
      return { status: 200, body: visible.slice(offset, offset + size) };
    }
    case 'GET /health':
      return { status: 200, body: { status: 'up' } };
    case 'GET /items/i1':
      return { status: 200, body: { data: ITEMS[0] } };
    case 'POST /items':
      return { status: 201, headers: { location: '/items/i1' } };
    case 'PATCH /items/i1':
      return { status: 204 };
    case 'PATCH /items/conflict':
      return { status: 409, body: { error: { message: 'version conflict: record changed since read' } } };
    case 'POST /search':
      return { status: 200, body: { hits: [{ q: request.query.get('q'), body: JSON.parse(request.body || '{}') }] } };
    default:
      return { status: 404, body: { message: 'no route' } };
  }
}

describe('rest operations against a fixture system', () => {
  let server: FixtureServer;
  let connection: AdapterConnection;

  beforeAll(async () => {
    server = await startFixtureServer((request, response) => {
      const { status, body, headers } = answer(request);
      if (body === undefined) {
        response.writeHead(status, headers);
        return response.end();
      }
      sendJson(response, status, body, headers);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));
  afterEach(() => connection?.close());

  async function connect(
    operations: Partial<Record<'list' | 'get' | 'create' | 'update', RestOperationSpec>>,
    extra = {},
  ) {
    ({ connection } = await connectRest({
      settings: { baseUrl: server.url, ...extra },
      definition: itemsDefinition(operations, {
        search: { method: 'POST', path: '/search', queryArgs: ['q'], records: 'hits' },
      }),
    }));
    return connection;
  }

  async function pagesOf(query = {}): Promise<Page[]> {
    const pages: Page[] = [];
    for await (const page of connection.list('item', query)) pages.push(page);
    return pages;
  }
  const ids = (pages: Page[]) => pages.flatMap((page) => page.records.map((record) => record.id));

  it('pages by page number with a total-pages path, and the cursor resumes with the same page size', async () => {
    await connect({
      list: {
        path: '/paged',
        records: 'items',
        paging: { style: 'page', pageParam: 'page', sizeParam: 'size', totalPagesPath: 'pages' },
      },
    });
    const pages = await pagesOf({ pageSize: 4 });
    expect(pages.map((page) => page.records.length)).toEqual([4, 4, 2]);
    expect(pages[2].nextCursor).toBeUndefined();
    expect(ids(pages)).toEqual(ITEMS.map((item) => item.id));
    const resumed = await pagesOf({ cursor: pages[0].nextCursor, pageSize: 3 });
    expect(ids(resumed)).toEqual(ITEMS.slice(4).map((item) => item.id));
  });

  it('pages by offset and sends the watermark in epoch seconds, kept inside the cursor', async () => {
    await connect({
      list: {
        path: '/offset',
        paging: { style: 'offset', offsetParam: 'offset', limitParam: 'limit' },
        incremental: { param: 'since', format: 'epoch-seconds' },
      },
    });
    const since = new Date(1_700_004_000 * 1000).toISOString();
    const pages = await pagesOf({ pageSize: 4, modifiedSince: since });
    expect(ids(pages)).toEqual(['i5', 'i6', 'i7', 'i8', 'i9', 'i10']);
    expect(server.requests[0].query.get('since')).toBe('1700004000');
    const resumed = await pagesOf({ cursor: pages[0].nextCursor, pageSize: 4 });
    expect(ids(resumed)).toEqual(['i9', 'i10']);
    expect(server.requests.at(-1)!.query.get('since')).toBe('1700004000');
  });

  it('applies undeclared filters and an unsendable watermark locally, never yielding an empty page before the last', async () => {
    await connect({
      list: { path: '/offset', paging: { style: 'offset', offsetParam: 'offset', limitParam: 'limit' } },
    });
    const pages = await pagesOf({
      pageSize: 2,
      filter: { kind: 'odd' },
      modifiedSince: new Date(1_700_005_000 * 1000).toISOString(),
    });
    expect(ids(pages)).toEqual(['i6', 'i8', 'i10']);
    pages.slice(0, -1).forEach((page) => expect(page.records.length).toBeGreaterThan(0));
    expect(server.requests.every((request) => !request.query.has('kind'))).toBe(true);
  });

  it("maps a 409 to 'rejected' carrying the system's message", async () => {
    await connect({ update: { path: '/items/{id}' } });
    const error = await rejectionOf(connection.update('item', 'conflict', { name: 'x' }));
    expect(error).toMatchObject({ code: 'rejected', upstreamStatus: 409, retryable: false });
    expect(error.message).toContain('version conflict: record changed since read');
  });

  it('reads the record back after a 201 with only a Location, and after a 204', async () => {
    await connect({ create: { method: 'POST', path: '/items' }, update: { path: '/items/{id}' } });
    await expect(connection.create('item', { name: 'new' })).resolves.toEqual(ITEMS[0]);
    await expect(connection.update('item', 'i1', { name: 'renamed' })).resolves.toEqual(ITEMS[0]);
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /items',
      'GET /items/i1',
      'PATCH /items/i1',
      'GET /items/i1',
    ]);
    expect(JSON.parse(server.requests[2].body)).toEqual({ name: 'renamed' });
  });

  it('runs declared passthrough operations only: query args to the query, others to the body', async () => {
    await connect({});
    await expect(connection.passthrough('search', { q: 'acme', deep: { a: 1 } })).resolves.toEqual([
      { q: 'acme', body: { deep: { a: 1 } } },
    ]);
    await expect(connection.passthrough('dropTables', {})).rejects.toMatchObject({ code: 'unsupported' });
    await expect(connection.passthrough('toString', {})).rejects.toMatchObject({ code: 'unsupported' });
    expect(server.requests).toHaveLength(1);
  });

  it('checks a declared health path, else the base URL', async () => {
    await connect({}, { healthPath: '/health' });
    await expect(connection.check()).resolves.toMatchObject({ ok: true, details: { probe: 'health', status: 200 } });
    await connection.close();
    await connect({});
    await expect(connection.check()).resolves.toMatchObject({ ok: true, details: { probe: 'base', status: 404 } });
    expect(server.requests.map((request) => request.path)).toEqual(['/health', '/']);
  });

  it("fails with 'unsupported' for an operation the entity does not declare, and 'rejected' for a foreign cursor", async () => {
    await connect({});
    await expect(connection.create('item', {})).rejects.toMatchObject({ code: 'unsupported' });
    await expect(pagesOf({ cursor: 'forged' })).rejects.toMatchObject({ code: 'rejected' });
    expect(server.requests).toHaveLength(0);
  });
});
