import { AdapterError } from '@trestle/adapter-sdk';
import { findSecretLeaks } from '@trestle/adapter-sdk/testing';
import { connectRest, rejectionOf } from '../test-fixtures/connect-rest';
import { type FixtureServer, sendJson, startFixtureServer } from '../test-fixtures/fixture-server';

const API_KEY = 'key-0f9a8b7c6d5e';
const PASSWORD = 'pa55-w0rd-3xample';
const ITEMS = { data: [{ id: 'i1', name: 'One' }] };

describe('rest adapter auth styles', () => {
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer((request, response) => {
      const basic = `Basic ${Buffer.from(`svc:${PASSWORD}`).toString('base64')}`;
      const allowed =
        request.headers['x-api-key'] === API_KEY ||
        request.query.get('api_key') === API_KEY ||
        request.headers.authorization === basic;
      if (!allowed) {
        // A careless system that echoes what it was sent.
        const sent = request.headers['x-api-key'] ?? request.query.get('api_key') ?? request.headers.authorization;
        return sendJson(response, 401, { message: `invalid credentials: ${sent}` });
      }
      sendJson(response, 200, ITEMS);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  it('sends an API key in the named header', async () => {
    const { connection } = await connectRest({
      settings: { baseUrl: server.url, auth: { style: 'apiKey', header: 'X-API-Key' } },
      credentials: { apiKey: API_KEY },
    });
    try {
      await expect(connection.get('item', 'i1')).resolves.toEqual({ id: 'i1', name: 'One' });
      expect(server.requests[0].headers['x-api-key']).toBe(API_KEY);
      expect(server.requests[0].query.has('api_key')).toBe(false);
    } finally {
      await connection.close();
    }
  });

  it('sends an API key as a query parameter', async () => {
    const { connection } = await connectRest({
      settings: { baseUrl: server.url, auth: { style: 'apiKey', queryParam: 'api_key' } },
      credentials: { apiKey: API_KEY },
    });
    try {
      await expect(connection.get('item', 'i1')).resolves.toMatchObject({ id: 'i1' });
      expect(server.requests[0].query.get('api_key')).toBe(API_KEY);
    } finally {
      await connection.close();
    }
  });

  it('sends HTTP basic credentials', async () => {
    const { connection } = await connectRest({
      settings: { baseUrl: server.url, auth: { style: 'basic' } },
      credentials: { username: 'svc', password: PASSWORD },
    });
    try {
      await expect(connection.get('item', 'i1')).resolves.toMatchObject({ id: 'i1' });
    } finally {
      await connection.close();
    }
  });

  it.each([
    ['an API key header', { style: 'apiKey', header: 'X-API-Key' }, { apiKey: 'key-wrong-123456' }],
    ['an API key query parameter', { style: 'apiKey', queryParam: 'api_key' }, { apiKey: 'key-wrong-123456' }],
    ['basic', { style: 'basic' }, { username: 'svc', password: 'pa55-wrong-123' }],
  ] as const)(
    "fails with 'auth' for a wrong %s, and the echoed secret appears nowhere",
    async (_, auth, credentials) => {
      const { connection, logger } = await connectRest({ settings: { baseUrl: server.url, auth }, credentials });
      try {
        const error = await rejectionOf(connection.get('item', 'i1'));
        expect(AdapterError.is(error)).toBe(true);
        expect(error).toMatchObject({ code: 'auth', upstreamStatus: 401, retryable: false });
        expect(server.requests).toHaveLength(1);
        const secrets = Object.values(credentials).filter((value) => value !== 'svc');
        const basic = `svc:${(credentials as { password?: string }).password}`;
        expect(findSecretLeaks(error, [...secrets, basic])).toEqual([]);
        expect(findSecretLeaks(logger.calls, [...secrets, basic])).toEqual([]);
        expect(String((error.details as Record<string, unknown>).upstreamMessage)).toContain('[redacted]');
      } finally {
        await connection.close();
      }
    },
  );

  it("fails at connect with 'auth' when the style's credential is missing", async () => {
    const error = await rejectionOf(
      connectRest({ settings: { baseUrl: server.url, auth: { style: 'apiKey', header: 'X-API-Key' } } }),
    );
    expect(error).toMatchObject({ code: 'auth', message: expect.stringContaining("'apiKey'") });
  });
});
