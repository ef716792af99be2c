import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, startTestHub, type TestHub } from '../harness/hub';
import { ensureConsoleBuilt } from './console-build';

describe('the hub serves the built console at /console', () => {
  let hub: TestHub;

  beforeAll(async () => {
    ensureConsoleBuilt();
    hub = await startTestHub();
  });

  afterAll(() => hub.close());

  it('answers index.html without credentials, under the hub’s CSP and with no inline script', async () => {
    const response = await hub.app.inject({ url: '/console' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.body).toContain('<div id="app"></div>');
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(response.body).not.toMatch(/\sstyle=/);
    expect((await hub.app.inject({ url: '/v1/connections' })).statusCode).toBe(401);
  });

  it('falls back to index.html for the console’s own routes', async () => {
    for (const url of ['/console/', '/console/audit', '/console/connections/1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b']) {
      const response = await hub.app.inject({ url });
      expect({ url, status: response.statusCode, body: response.body.includes('id="app"') }).toEqual({
        url,
        status: 200,
        body: true,
      });
    }
  });

  it('serves hashed assets as immutable and refuses missing ones with a problem', async () => {
    const assets = readdirSync(join(__dirname, '..', '..', 'apps', 'console', 'dist', 'assets'));
    const bundle = assets.find((name) => name.endsWith('.js'))!;
    const asset = await hub.app.inject({ url: `/console/assets/${bundle}` });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');

    const missing = await hub.app.inject({ url: '/console/assets/missing-123.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps the console out of the audit log', async () => {
    const headers = bearer(hub.adminKey);
    await hub.app.inject({ url: '/console/connections', headers });
    await hub.app.inject({ method: 'POST', url: '/v1/audit/verify', headers });
    const events = await hub.app.inject({ url: '/v1/audit/events?limit=500', headers });
    const resources = (events.json() as { data: { resource: string }[] }).data.map((event) => event.resource);
    expect(resources).toContain('/v1/audit/verify');
    expect(resources.filter((resource) => resource.startsWith('/console'))).toEqual([]);
  });
});
