import type { AdapterConnection } from '@trestle/adapter-sdk';
import { type RestCrm, startRestCrm } from '../../../../test/simulators/rest-crm';
import { connectRest, itemsDefinition, rejectionOf } from '../../test-fixtures/connect-rest';

const ACCOUNT_ROUTE = 'GET /api/v2/accounts/:id';

describe('429 Retry-After against the CRM simulator', () => {
  let crm: RestCrm;
  let connection: AdapterConnection | undefined;

  beforeAll(async () => {
    crm = await startRestCrm({ seed: 5, accounts: 3 });
  });
  afterAll(() => crm.close());
  beforeEach(() => {
    crm.setRateLimit(false);
    crm.resetCalls();
  });
  afterEach(async () => {
    await connection?.close();
    connection = undefined;
  });

  /** Connects, takes the token and one request, then lets one request per second through. */
  async function exhausted(maxRetryAfterMs: number, timeoutMs = 5_000): Promise<AdapterConnection> {
    ({ connection } = await connectRest({
      settings: {
        baseUrl: crm.url,
        auth: { style: 'oauth2ClientCredentials', tokenUrl: '/oauth/token' },
        maxRetryAfterMs,
      },
      credentials: { clientId: crm.clientId, clientSecret: crm.clientSecret },
      definition: itemsDefinition({ get: { path: '/api/v2/accounts/{id}' } }),
      limits: { timeoutMs },
    }));
    crm.setRateLimit({ requests: 1, windowMs: 1_000 });
    await connection.get('item', 'acc_000001');
    return connection;
  }

  it('waits out a Retry-After within the bound once, then succeeds', async () => {
    const connection = await exhausted(2_000);
    const started = performance.now();
    await expect(connection.get('item', 'acc_000002')).resolves.toMatchObject({ account_id: 'acc_000002' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(crm.callCount(ACCOUNT_ROUTE)).toBe(3);
  });

  it("fails at once with 'rate_limited' and retryAfterMs when Retry-After exceeds the bound", async () => {
    const connection = await exhausted(500);
    const started = performance.now();
    const error = await rejectionOf(connection.get('item', 'acc_000002'));
    expect(performance.now() - started).toBeLessThan(300);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 1_000, upstreamStatus: 429, retryable: true });
    expect(crm.callCount(ACCOUNT_ROUTE)).toBe(2);
  });

  it("fails at once with 'rate_limited' when the wait would outlast the call's timeout", async () => {
    const connection = await exhausted(5_000, 800);
    const started = performance.now();
    await expect(connection.get('item', 'acc_000002')).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 1_000,
    });
    expect(performance.now() - started).toBeLessThan(300);
  });

  it("stops waiting as soon as the caller aborts, with 'timeout'", async () => {
    const connection = await exhausted(2_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = performance.now();
    await expect(connection.get('item', 'acc_000002', { signal: controller.signal })).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(performance.now() - started).toBeLessThan(500);
    expect(crm.callCount(ACCOUNT_ROUTE)).toBe(2);
  });
});
