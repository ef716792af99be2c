import type { AdapterConnection } from '@trestle/adapter-sdk';
import { type RestCrm, startRestCrm } from '../../../../test/simulators/rest-crm';
import { connectRest, itemsDefinition, rejectionOf } from '../../test-fixtures/connect-rest';
import { type FixtureServer, startFixtureServer } from '../../test-fixtures/fixture-server';

describe('XML responses from the CRM simulator', () => {
  let crm: RestCrm;
  let connection: AdapterConnection;

  beforeAll(async () => {
    crm = await startRestCrm({ seed: 11, accounts: 12, rateLimit: false });
    ({ connection } = await connectRest({
      settings: { baseUrl: crm.url, auth: { style: 'oauth2ClientCredentials', tokenUrl: '/oauth/token' } },
      credentials: { clientId: crm.clientId, clientSecret: crm.clientSecret },
      definition: itemsDefinition({ get: { path: '/api/v2/accounts/{id}', body: 'xml', record: 'account' } }),
    }));
  });
  afterAll(async () => {
    await connection.close();
    await crm.close();
  });

  it('reads a record from its XML representation, nil fields as null, numbers as text', async () => {
    const ids = Array.from({ length: 12 }, (_, index) => `acc_${String(index + 1).padStart(6, '0')}`);
    const withoutPhone = ids.find((id) => crm.record('accounts', id)!.phone === null);
    expect(withoutPhone).toBeDefined();
    const expected = crm.record('accounts', withoutPhone!)!;
    await expect(connection.get('item', withoutPhone!)).resolves.toEqual({
      ...expected,
      phone: null,
      created_at: String(expected.created_at),
    });
  });

  it("maps the XML 404 to 'not_found'", async () => {
    await expect(connection.get('item', 'acc_404404')).rejects.toMatchObject({
      code: 'not_found',
      upstreamStatus: 404,
    });
  });
});

describe('XML lists, bodies and hostile documents', () => {
  let server: FixtureServer;
  let answer = '';

  beforeAll(async () => {
    server = await startFixtureServer((request, response) => {
      response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/xml' });
      response.end(request.method === 'POST' ? request.body.replace('<record>', '<record><id>n1</id>') : answer);
    });
  });
  afterAll(() => server.close());

  const connect = () =>
    connectRest({
      settings: { baseUrl: server.url },
      definition: itemsDefinition({
        list: { path: '/items', body: 'xml', records: 'items.item', paging: { style: 'none' } },
        create: { method: 'POST', path: '/items', body: 'xml', record: 'record' },
      }),
    });

  const firstPage = async (connection: AdapterConnection) => {
    for await (const page of connection.list('item')) return page;
    throw new Error('no page');
  };

  it('lists repeated elements, a single element and an empty container', async () => {
    const { connection } = await connect();
    try {
      answer = '<items><item><id>1</id></item><item><id>2</id></item></items>';
      expect((await firstPage(connection)).records).toEqual([{ id: '1' }, { id: '2' }]);
      answer = '<items><item><id>1</id></item></items>';
      expect((await firstPage(connection)).records).toEqual([{ id: '1' }]);
      answer = '<items/>';
      expect(await firstPage(connection)).toEqual({ records: [], nextCursor: undefined });
      expect(server.requests[0].headers.accept).toMatch(/^application\/xml/);
    } finally {
      await connection.close();
    }
  });

  it('sends an XML body and reads the XML answer', async () => {
    const { connection } = await connect();
    try {
      const created = await connection.create('item', { name: 'A & B', tags: { tag: ['x', 'y'] } });
      expect(created).toEqual({ id: 'n1', name: 'A & B', tags: { tag: ['x', 'y'] } });
      const sent = server.requests.at(-1)!;
      expect(sent.headers['content-type']).toMatch(/^application\/xml/);
      expect(sent.body).toContain('<name>A &#38; B</name>');
    } finally {
      await connection.close();
    }
  });

  it("refuses a document type declaration (entity expansion) with 'invalid_response'", async () => {
    const { connection } = await connect();
    try {
      answer =
        '<?xml version="1.0"?><!DOCTYPE items [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
        '<items><item><id>&b;</id></item></items>';
      const error = await rejectionOf(firstPage(connection));
      expect(error).toMatchObject({ code: 'invalid_response', message: expect.stringMatching(/document type/) });
      answer = '<items><item>&external;</item></items>';
      await expect(firstPage(connection)).rejects.toMatchObject({ code: 'invalid_response' });
    } finally {
      await connection.close();
    }
  });
});
