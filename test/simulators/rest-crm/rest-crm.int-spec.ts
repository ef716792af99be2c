import { DEFAULT_CRM_CLIENT, startRestCrm, type RestCrm } from '.';

async function token(crm: RestCrm, form: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: crm.clientId,
    client_secret: crm.clientSecret,
    ...form,
  });
  const response = await fetch(crm.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function call(crm: RestCrm, accessToken: string | undefined, path: string, init: RequestInit = {}) {
  const response = await fetch(`${crm.url}${path}`, {
    ...init,
    headers: {
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, text, json };
}

describe('REST CRM simulator', () => {
  let clock: Date;
  let crm: RestCrm;
  let accessToken: string;

  beforeAll(async () => {
    clock = new Date('2025-03-01T00:00:00Z');
    crm = await startRestCrm({ now: () => clock, tokenTtlSeconds: 60 });
  });

  beforeEach(async () => {
    accessToken = (await token(crm)).body.access_token as string;
  });

  afterAll(() => crm.close());

  it('issues client_credentials tokens only to the right client', async () => {
    expect(crm.clientId).toBe(DEFAULT_CRM_CLIENT.clientId);
    const issued = await token(crm);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
    expect(issued.body.access_token).toEqual(expect.any(String));

    expect((await token(crm, { client_secret: 'wrong' })).status).toBe(401);
    expect((await token(crm, { grant_type: 'password' })).body).toEqual({ error: 'unsupported_grant_type' });
    const basic = Buffer.from(`${crm.clientId}:${crm.clientSecret}`).toString('base64');
    const viaBasic = await token(crm, { client_id: '', client_secret: '' }, { authorization: `Basic ${basic}` });
    expect(viaBasic.status).toBe(200);
    expect(crm.callCount('POST /oauth/token')).toBeGreaterThanOrEqual(4);
  });

  it('answers 401 without a token, with an unknown one and with an expired one', async () => {
    const missing = await call(crm, undefined, '/api/v2/accounts');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect((await call(crm, 'made-up', '/api/v2/accounts')).status).toBe(401);

    const shortLived = (await token(crm)).body.access_token as string;
    expect((await call(crm, shortLived, '/api/v2/accounts?limit=1')).status).toBe(200);
    clock = new Date(clock.getTime() + 61_000);
    const expired = await call(crm, shortLived, '/api/v2/accounts?limit=1');
    expect(expired.status).toBe(401);
    expect(expired.json.error_description).toBe('The access token is expired');
  });

  it('pages accounts by cursor until next_cursor is null, without repeats', async () => {
    crm.resetCalls();
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=15&cursor=${encodeURIComponent(cursor)}` : '?limit=15';
      const page = await call(crm, accessToken, `/api/v2/accounts${query}`);
      expect(page.status).toBe(200);
      ids.push(...page.json.data.map((account: { account_id: string }) => account.account_id));
      cursor = page.json.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect(crm.callCount('GET /api/v2/accounts')).toBe(3);

    expect((await call(crm, accessToken, '/api/v2/accounts?limit=500')).status).toBe(400);
    expect((await call(crm, accessToken, '/api/v2/accounts?cursor=garbage')).status).toBe(400);
  });

  it('serves CRM-style records, with contacts pointing at accounts', async () => {
    const account = (await call(crm, accessToken, '/api/v2/accounts/acc_000001')).json;
    expect(account).toMatchObject({ account_id: 'acc_000001', tier: expect.stringMatching(/^(ENT|MID|SMB)$/) });
    expect(Number.isInteger(account.created_at)).toBe(true);
    expect(new Date(account.updated_at).toISOString()).toBe(account.updated_at);

    const contacts = (await call(crm, accessToken, '/api/v2/contacts?account_id=acc_000001&limit=100')).json;
    expect(contacts.data.length).toBeGreaterThanOrEqual(1);
    expect(contacts.data.every((contact: { account_id: string }) => contact.account_id === 'acc_000001')).toBe(true);
    expect((await call(crm, accessToken, '/api/v2/contacts/con_999999')).status).toBe(404);
  });

  it('filters by updated_since, seeing records mutated behind the API', async () => {
    const since = '2025-04-01T00:00:00.000Z';
    expect((await call(crm, accessToken, `/api/v2/contacts?updated_since=${since}`)).json.data).toEqual([]);
    clock = new Date('2025-04-02T00:00:00Z');
    crm.mutate('contacts', 'con_000002', { job_title: 'CEO' });
    accessToken = (await token(crm)).body.access_token as string;
    const changed = (await call(crm, accessToken, `/api/v2/contacts?updated_since=${since}`)).json;
    expect(changed).toEqual({
      data: [
        expect.objectContaining({ contact_id: 'con_000002', job_title: 'CEO', updated_at: '2025-04-02T00:00:00.000Z' }),
      ],
      next_cursor: null,
    });
  });

  it('creates and patches records, rejecting invalid bodies with 422', async () => {
    const invalid = await call(crm, accessToken, '/api/v2/accounts', {
      method: 'POST',
      body: JSON.stringify({ display_name: '', primary_email: 'nope', tier: 'XXL', account_id: 'mine' }),
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json.details.map((problem: { field: string }) => problem.field).sort()).toEqual([
      'account_id',
      'display_name',
      'primary_email',
      'tier',
    ]);

    const created = await call(crm, accessToken, '/api/v2/accounts', {
      method: 'POST',
      body: JSON.stringify({ display_name: 'Brand New AG', primary_email: 'hello@brand.example', tier: 'ENT' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v2/accounts/acc_000041');
    expect(created.json).toMatchObject({ account_id: 'acc_000041', created_at: Math.floor(clock.getTime() / 1000) });

    const patched = await call(crm, accessToken, '/api/v2/accounts/acc_000041', {
      method: 'PATCH',
      body: JSON.stringify({ phone: '+41 1234567' }),
    });
    expect(patched.json).toMatchObject({ display_name: 'Brand New AG', phone: '+41 1234567' });
    expect(crm.record('accounts', 'acc_000041')?.phone).toBe('+41 1234567');

    const orphan = await call(crm, accessToken, '/api/v2/contacts', {
      method: 'POST',
      body: JSON.stringify({ account_id: 'acc_999999', first_name: 'A', last_name: 'B', primary_email: 'a@b.example' }),
    });
    expect(orphan.status).toBe(422);
    expect((await call(crm, accessToken, '/api/v2/accounts/acc_999999', { method: 'PATCH', body: '{}' })).status).toBe(
      404,
    );
  });

  it('answers one account as XML when asked for application/xml', async () => {
    const xml = await call(crm, accessToken, '/api/v2/accounts/acc_000002', { headers: { accept: 'application/xml' } });
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toMatch(/^application\/xml/);
    const json = crm.record('accounts', 'acc_000002')!;
    expect(xml.text).toContain(
      `<account><account_id>acc_000002</account_id><display_name>${json.display_name}</display_name>`,
    );
    expect(xml.text).toContain(`<created_at>${json.created_at}</created_at>`);
    const missing = await call(crm, accessToken, '/api/v2/accounts/acc_999999', {
      headers: { accept: 'application/xml' },
    });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<code>not_found</code>');
  });

  it('limits requests per window with 429 and Retry-After, then lets them through again', async () => {
    crm.setRateLimit({ requests: 3, windowMs: 10_000 });
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 3; n++) statuses.push((await call(crm, accessToken, '/api/v2/accounts?limit=1')).status);
      clock = new Date(clock.getTime() + 2_500);
      const limited = await call(crm, accessToken, '/api/v2/accounts?limit=1');
      expect(statuses).toEqual([200, 200, 200]);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('8');
      clock = new Date(clock.getTime() + 7_500);
      expect((await call(crm, accessToken, '/api/v2/accounts?limit=1')).status).toBe(200);
    } finally {
      crm.setRateLimit(false);
    }
  });

  it('rejects every token after expireTokens()', async () => {
    crm.expireTokens();
    expect((await call(crm, accessToken, '/api/v2/accounts')).status).toBe(401);
  });
});
