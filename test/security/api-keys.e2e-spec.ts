import { Scope } from '@trestle/core';
import { DataSource } from 'typeorm';
import { apiKeySecret, bearer, startTestHub, TestHub } from '../harness/hub';

describe('API keys', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  afterAll(() => hub.close());

  const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, key: string, payload?: object) =>
    hub.app.inject({ method, url, headers: bearer(key), payload });

  it('shows a new key once, stores only its hash, and records its last use', async () => {
    const created = await inject('POST', '/v1/api-keys', hub.adminKey, {
      name: 'reporting',
      scopes: ['entities:read'],
    });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json();
    expect(key).toMatch(/^trk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);

    const listed = (await inject('GET', '/v1/api-keys', hub.adminKey)).json();
    const entry = listed.find((k: { id: string }) => k.id === id);
    expect(entry).toMatchObject({ name: 'reporting', scopes: ['entities:read'], lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(apiKeySecret(key));

    const rows = await hub.app.get(DataSource).query('SELECT * FROM api_keys');
    expect(JSON.stringify(rows)).not.toContain(apiKeySecret(key));

    await hub.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': key } });
    const after = (await inject('GET', '/v1/api-keys', hub.adminKey)).json();
    expect(after.find((k: { id: string }) => k.id === id).lastUsedAt).not.toBeNull();
  });

  it('refuses a revoked key on the very next request', async () => {
    const key = await hub.mintKey([Scope.Admin]);
    expect((await inject('GET', '/v1/api-keys', key)).statusCode).toBe(200);
    const id = key.slice(4, 16);
    expect((await inject('DELETE', `/v1/api-keys/${id}`, hub.adminKey)).json().revokedAt).not.toBeNull();
    const refused = await inject('GET', '/v1/api-keys', key);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer');
  });

  it('refuses a key whose secret part was altered', async () => {
    const key = await hub.mintKey([Scope.Admin]);
    const altered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect((await inject('GET', '/v1/api-keys', altered)).statusCode).toBe(401);
  });

  it('will not grant scopes its creator lacks', async () => {
    const weak = await hub.mintKey([Scope.Admin]);
    const limited = (await inject('POST', '/v1/api-keys', weak, { name: 'x', scopes: ['audit:read'] })).json().key;
    const escalation = await hub.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(limited),
      payload: { name: 'y', scopes: ['admin'] },
    });
    expect(escalation.statusCode).toBe(403);
  });

  it('validates the request and names each bad field', async () => {
    const response = await inject('POST', '/v1/api-keys', hub.adminKey, { name: '', scopes: ['root'], extra: 1 });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'scopes', 'extra']));
  });
});
