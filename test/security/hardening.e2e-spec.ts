import { Scope } from '@trestle/core';
import { apiKeySecret, bearer, startTestHub, TestHub } from '../harness/hub';
import { runHubProcess } from '../harness/hub-process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('tenant isolation', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  afterAll(() => hub.close());

  it("keeps one tenant's keys invisible and untouchable to another", async () => {
    const acmeAdmin = await hub.mintKey([Scope.Admin], 'acme');
    const globexAdmin = await hub.mintKey([Scope.Admin], 'globex');
    const acmeKeys = (await hub.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(acmeAdmin) })).json();
    const globexKeys = (
      await hub.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(globexAdmin) })
    ).json();
    expect(acmeKeys.every((k: { tenantId: string }) => k.tenantId === 'acme')).toBe(true);
    expect(globexKeys.every((k: { tenantId: string }) => k.tenantId === 'globex')).toBe(true);

    const acmeKeyId = acmeAdmin.slice(4, 16);
    const revoke = await hub.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${acmeKeyId}`,
      headers: bearer(globexAdmin),
    });
    expect(revoke.statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(acmeAdmin) })).statusCode).toBe(
      200,
    );

    const crossCreate = await hub.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(globexAdmin),
      payload: { name: 'sneaky', scopes: ['admin'], tenantId: 'acme' },
    });
    expect(crossCreate.statusCode).toBe(403);
  });
});

describe('edge protections', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ RATE_LIMIT_PER_MINUTE: '5', BODY_LIMIT_BYTES: '2048' });
  });

  afterAll(() => hub.close());

  it('sets security headers', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/health/live' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBeDefined();
  });

  it('refuses an oversized body with 413 problem+json', async () => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { ...bearer(hub.adminKey), 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(5000), scopes: ['admin'] }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.json().code).toBe('payload_too_large');
  });

  it('rate limits each principal with 429 and Retry-After', async () => {
    const key = await hub.mintKey([Scope.Admin]);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i += 1) {
      last = await hub.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(key) });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[6]).toBe(429);
    expect(last?.json().code).toBe('rate_limited');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    const other = await hub.mintKey([Scope.Admin]);
    expect((await hub.app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(other) })).statusCode).toBe(200);
  });
});

describe('first start and secrets hygiene', () => {
  it('prints an admin key once, never again, and never lets a key or token into the logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trestle-bootstrap-'));
    const env = {
      SQLITE_PATH: join(dir, 'hub.sqlite'),
      SECRETS_KEY_FILE: join(dir, 'secrets.key'),
      LOG_LEVEL: 'debug',
    };
    try {
      const first = await runHubProcess(env);
      const printed = /trk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/.exec(first.output())?.[0];
      expect(printed).toBeDefined();
      const key = printed as string;

      const created = await fetch(`${first.url}/v1/api-keys`, {
        method: 'POST',
        headers: { ...bearer(key), 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'ci', scopes: ['entities:read'] }),
      }).then((r) => r.json() as Promise<{ key: string }>);
      await fetch(`${first.url}/v1/api-keys`, { headers: { 'x-api-key': created.key } });
      await fetch(`${first.url}/v1/api-keys`, { headers: bearer(`${created.key}tampered`) });
      await fetch(`${first.url}/metrics`, {
        headers: bearer('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2VjcmV0LXNpZ25hdHVyZQ'),
      });
      const { output: firstOutput } = await first.stop();

      expect(firstOutput.split(key).length - 1).toBe(1);
      expect(firstOutput).not.toContain(created.key);
      expect(firstOutput).not.toContain(apiKeySecret(created.key));
      expect(firstOutput).not.toContain('c2VjcmV0LXNpZ25hdHVyZQ');

      const second = await runHubProcess(env);
      const { output: secondOutput } = await second.stop();
      expect(secondOutput).not.toMatch(/trk_[0-9a-f]{12}_/);
      expect(secondOutput).not.toContain('first start');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('connections cannot reach into the hub itself', () => {
  it("refuses a connection whose settings name the hub's own database or key file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trestle-isolation-'));
    const hub = await startTestHub({
      SQLITE_PATH: join(dir, 'hub.sqlite'),
      SECRETS_KEY_FILE: join(dir, 'secrets.key'),
    });
    try {
      const { loadConnectorDefinition } = await import('@trestle/adapter-sdk');
      const definition = await loadConnectorDefinition(
        join(__dirname, '..', '..', 'adapters', 'sql', 'examples', 'legacy-sql.connector.yaml'),
      );
      for (const file of [join(dir, 'hub.sqlite'), join(dir, 'secrets.key')]) {
        const response = await hub.app.inject({
          method: 'POST',
          url: '/v1/connections',
          headers: bearer(hub.adminKey),
          payload: { name: `peek-${file.length}`, definition, settings: { dialect: 'sqlite', file } },
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'settings.file' })]),
        );
      }
    } finally {
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
