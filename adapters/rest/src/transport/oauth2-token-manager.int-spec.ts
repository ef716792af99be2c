import type { AdapterConnection } from '@trestle/adapter-sdk';
import { findSecretLeaks } from '@trestle/adapter-sdk/testing';
import { type RestCrm, startRestCrm } from '../../../../test/simulators/rest-crm';
import { connectRest, itemsDefinition, rejectionOf } from '../../test-fixtures/connect-rest';
import { type FixtureServer, sendJson, startFixtureServer } from '../../test-fixtures/fixture-server';

const TOKEN_ROUTE = 'POST /oauth/token';
const ACCOUNT_ROUTE = 'GET /api/v2/accounts/:id';
const crmDefinition = itemsDefinition({ get: { path: '/api/v2/accounts/{id}' } });

describe('OAuth2 client credentials against the CRM simulator', () => {
  let crm: RestCrm;
  let connection: AdapterConnection | undefined;

  beforeAll(async () => {
    crm = await startRestCrm({ seed: 3, accounts: 5, tokenTtlSeconds: 1, rateLimit: false });
  });
  afterAll(() => crm.close());
  beforeEach(() => crm.resetCalls());
  afterEach(async () => {
    await connection?.close();
    connection = undefined;
  });

  const connect = async (clientAuth?: 'basic' | 'body', clientSecret = crm.clientSecret) => {
    const connected = await connectRest({
      settings: { baseUrl: crm.url, auth: { style: 'oauth2ClientCredentials', tokenUrl: '/oauth/token', clientAuth } },
      credentials: { clientId: crm.clientId, clientSecret },
      definition: crmDefinition,
    });
    connection = connected.connection;
    return connected;
  };

  it('reuses the token while valid and fetches a new one shortly before it expires, without a 401', async () => {
    const { connection } = await connect();
    await connection.get('item', 'acc_000001');
    await connection.get('item', 'acc_000002');
    expect(crm.callCount(TOKEN_ROUTE)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await expect(connection.get('item', 'acc_000003')).resolves.toMatchObject({ account_id: 'acc_000003' });
    expect(crm.callCount(TOKEN_ROUTE)).toBe(2);
    expect(crm.callCount(ACCOUNT_ROUTE)).toBe(3);
  });

  it('lets concurrent callers share one token request', async () => {
    const { connection } = await connect('body');
    const ids = ['acc_000001', 'acc_000002', 'acc_000003', 'acc_000004', 'acc_000005'];
    const records = await Promise.all([...ids, ...ids].map((id) => connection.get('item', id)));
    expect(records.map((record) => record.account_id)).toEqual([...ids, ...ids]);
    expect(crm.callCount(TOKEN_ROUTE)).toBe(1);
  });

  it('fetches a new token once when the system refuses the cached one with 401', async () => {
    const { connection } = await connect();
    await connection.get('item', 'acc_000001');
    crm.expireTokens();
    await expect(connection.get('item', 'acc_000002')).resolves.toMatchObject({ account_id: 'acc_000002' });
    expect(crm.callCount(TOKEN_ROUTE)).toBe(2);
    expect(crm.callCount(ACCOUNT_ROUTE)).toBe(3);
  });

  it.each(['basic', 'body'] as const)(
    "fails with 'auth' for a wrong client secret sent by %s, the secret nowhere in errors or logs",
    async (clientAuth) => {
      const wrong = 'wrong-crm-secret-1234';
      const { connection, logger } = await connect(clientAuth, wrong);
      const error = await rejectionOf(connection.get('item', 'acc_000001'));
      expect(error).toMatchObject({ code: 'auth', upstreamStatus: 401, retryable: false });
      expect(crm.callCount(ACCOUNT_ROUTE)).toBe(0);
      expect(findSecretLeaks(error, [wrong, crm.clientSecret])).toEqual([]);
      expect(findSecretLeaks(logger.calls, [wrong, crm.clientSecret])).toEqual([]);
    },
  );
});

describe('OAuth2 against a token endpoint and an API that misbehave', () => {
  let server: FixtureServer;
  let tokenDelayMs = 0;
  let issued = 0;

  beforeAll(async () => {
    server = await startFixtureServer(async (request, response) => {
      if (request.path === '/token') {
        await new Promise((resolve) => setTimeout(resolve, tokenDelayMs));
        issued++;
        return sendJson(response, 200, {
          access_token: `tok-secret-${issued}-abcdef`,
          token_type: 'bearer',
          expires_in: 60,
        });
      }
      if (request.path === '/items/stale') {
        // Always refuses, echoing the token it got.
        return sendJson(response, 401, { message: `token ${request.headers.authorization} refused` });
      }
      sendJson(response, 200, { data: { id: 'i1' } });
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.splice(0);
    tokenDelayMs = 0;
    issued = 0;
  });

  const connect = () =>
    connectRest({
      settings: { baseUrl: server.url, auth: { style: 'oauth2ClientCredentials', tokenUrl: `${server.url}/token` } },
      credentials: { clientId: 'client', clientSecret: 'client-secret-xyz' },
    });

  it("retries a 401 only once, then fails with 'auth' without echoing either token", async () => {
    const { connection, logger } = await connect();
    try {
      const error = await rejectionOf(connection.get('item', 'stale'));
      expect(error).toMatchObject({ code: 'auth', upstreamStatus: 401 });
      expect(server.requests.map((request) => request.path)).toEqual([
        '/token',
        '/items/stale',
        '/token',
        '/items/stale',
      ]);
      const tokens = ['tok-secret-1-abcdef', 'tok-secret-2-abcdef'];
      expect(findSecretLeaks(error, tokens)).toEqual([]);
      expect(findSecretLeaks(logger.calls, tokens)).toEqual([]);
    } finally {
      await connection.close();
    }
  });

  it('does not fail the other callers sharing a token request when one of them aborts', async () => {
    tokenDelayMs = 300;
    const { connection } = await connect();
    try {
      const impatient = new AbortController();
      const first = connection.get('item', 'i1', { signal: impatient.signal });
      const second = connection.get('item', 'i1');
      setTimeout(() => impatient.abort(), 50);
      await expect(first).rejects.toMatchObject({ code: 'timeout' });
      await expect(second).resolves.toEqual({ id: 'i1' });
      expect(server.requests.filter((request) => request.path === '/token')).toHaveLength(1);
    } finally {
      await connection.close();
    }
  });
});
