import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, JWK, SignJWT } from 'jose';
import { bearer, startTestHub, TestHub } from '../harness/hub';

const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'trestle-api';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

async function token(
  key: KeyPair['privateKey'],
  kid: string,
  claims: Record<string, unknown> = {},
  options: { alg?: string; expiresIn?: string | number; issuer?: string; audience?: string } = {},
): Promise<string> {
  return new SignJWT({ tenant: 'default', scope: 'admin', ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid })
    .setSubject('alice@example.test')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(key);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearer JWTs (static keys)', () => {
  let hub: TestHub;
  let trusted: KeyPair;
  let stranger: KeyPair;
  let publicJwk: JWK;

  beforeAll(async () => {
    trusted = await generateKeyPair('RS256', { extractable: true });
    stranger = await generateKeyPair('RS256');
    publicJwk = { ...(await exportJWK(trusted.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    hub = await startTestHub({
      AUTH_JWT_PUBLIC_KEYS: JSON.stringify({ keys: [publicJwk] }),
      AUTH_JWT_ISSUER: ISSUER,
      AUTH_JWT_AUDIENCE: AUDIENCE,
    });
  });

  afterAll(() => hub.close());

  const call = (jwt: string) =>
    hub.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(jwt) }).then((r) => ({
      status: r.statusCode,
      body: r.json(),
    }));

  it('accepts a valid token and acts for its tenant', async () => {
    expect((await call(await token(trusted.privateKey, 'k1'))).status).toBe(200);
  });

  it.each([
    ['forged (signed by another key under a trusted kid)', async () => token(stranger.privateKey, 'k1')],
    ['expired', async () => token(trusted.privateKey, 'k1', {}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })],
    ['for another audience', async () => token(trusted.privateKey, 'k1', {}, { audience: 'someone-else' })],
    ['from another issuer', async () => token(trusted.privateKey, 'k1', {}, { issuer: 'https://evil.example.test/' })],
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', tenant: 'default', scope: 'admin', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 })}.`,
    ],
    [
      'HS256 signed with the RSA public key (key confusion)',
      async () => {
        const header = b64({ alg: 'HS256', kid: 'k1', typ: 'JWT' });
        const payload = b64({
          sub: 'x',
          tenant: 'default',
          scope: 'admin',
          iss: ISSUER,
          aud: AUDIENCE,
          exp: Math.floor(Date.now() / 1000) + 600,
        });
        const secret = await exportSPKI(trusted.publicKey);
        const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
    ['without a tenant claim', async () => token(trusted.privateKey, 'k1', { tenant: undefined })],
    ['garbage', async () => 'not.a.jwt'],
  ])('refuses a token that is %s with 401 problem+json', async (_, make) => {
    const response = await call(await make());
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  it('answers 403 when the token lacks the scope', async () => {
    const response = await call(await token(trusted.privateKey, 'k1', { scope: 'entities:read' }));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('forbidden');
  });
});

describe('bearer JWTs (JWKS URL)', () => {
  let server: Server;
  let hub: TestHub;
  let keys: JWK[] = [];
  let fetches = 0;

  beforeAll(async () => {
    server = createServer((_, response) => {
      fetches += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    hub = await startTestHub({
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      AUTH_JWKS_COOLDOWN_MS: '20',
      AUTH_JWT_ISSUER: ISSUER,
      AUTH_JWT_AUDIENCE: AUDIENCE,
    });
  });

  afterAll(async () => {
    await hub.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('caches the key set and refreshes it when an unknown kid appears', async () => {
    const first = await generateKeyPair('ES256', { extractable: true });
    keys = [{ ...(await exportJWK(first.publicKey)), kid: 'a', alg: 'ES256' }];
    const firstToken = await token(first.privateKey, 'a', {}, { alg: 'ES256' });
    for (let i = 0; i < 3; i += 1) {
      const r = await hub.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(firstToken) });
      expect(r.statusCode).toBe(200);
    }
    expect(fetches).toBe(1);

    const rotated = await generateKeyPair('ES256', { extractable: true });
    keys = [...keys, { ...(await exportJWK(rotated.publicKey)), kid: 'b', alg: 'ES256' }];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rotatedToken = await token(rotated.privateKey, 'b', {}, { alg: 'ES256' });
    const response = await hub.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(rotatedToken) });
    expect(response.statusCode).toBe(200);
    expect(fetches).toBe(2);
  });
});
