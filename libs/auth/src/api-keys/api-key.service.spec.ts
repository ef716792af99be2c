import { AppConfig, Scope } from '@trestle/core';
import { trustedTenantId, type Principal } from '../principal';
import { mintApiKey } from './api-key-format';
import type { ApiKeyEntity } from './api-key.entity';
import type { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';

class FakeKeys {
  rows = new Map<string, ApiKeyEntity>();
  reads = 0;
  touches: { id: string; at: Date }[] = [];

  async findForAuthentication(id: string) {
    this.reads += 1;
    const row = this.rows.get(id);
    return row ? { ...row } : null;
  }
  async insert(key: Omit<ApiKeyEntity, 'createdAt' | 'lastUsedAt' | 'revokedAt'>) {
    const row = { ...key, createdAt: new Date(), lastUsedAt: null, revokedAt: null };
    this.rows.set(key.id, row);
    return row;
  }
  async get(tenantId: string, id: string) {
    const row = this.rows.get(id);
    return row && row.tenantId === tenantId ? row : null;
  }
  async list(tenantId: string) {
    return [...this.rows.values()].filter((row) => row.tenantId === tenantId);
  }
  async revoke(_tenantId: string, id: string, at: Date) {
    this.rows.get(id)!.revokedAt = at;
    return true;
  }
  async touch(id: string, at: Date) {
    this.touches.push({ id, at });
    this.rows.get(id)!.lastUsedAt = at;
  }
}

const ADMIN: Principal = {
  kind: 'system',
  id: 't',
  tenantId: trustedTenantId('default'),
  scopes: new Set([Scope.Admin]),
};

describe('ApiKeyService', () => {
  let keys: FakeKeys;
  const services: ApiKeyService[] = [];
  const service = (cacheMs = 5000) => {
    const created = new ApiKeyService(keys as unknown as ApiKeyRepository, { authKeyCacheMs: cacheMs } as AppConfig);
    services.push(created);
    return created;
  };

  beforeEach(() => {
    keys = new FakeKeys();
  });

  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.onApplicationShutdown()));
    jest.useRealTimers();
  });

  it('reads a verified key once, then trusts it without reading or writing per request', async () => {
    const api = service();
    const { key } = await api.create(ADMIN, { name: 'k', scopes: [Scope.EntitiesRead] });
    for (let i = 0; i < 50; i += 1) {
      expect(await api.authenticate(key)).toMatchObject({ kind: 'api-key', scopes: new Set([Scope.EntitiesRead]) });
    }
    expect(keys.reads).toBe(1);
    expect(keys.touches).toEqual([]);
    const listed = await api.list(ADMIN);
    expect(keys.touches).toHaveLength(1);
    expect(listed[0].lastUsedAt).not.toBeNull();
  });

  it('still proves the secret of a trusted key on every request', async () => {
    const api = service();
    const { key } = await api.create(ADMIN, { name: 'k', scopes: [Scope.Admin] });
    await api.authenticate(key);
    const altered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    await expect(api.authenticate(altered)).rejects.toMatchObject({ status: 401 });
    await expect(api.authenticate(`trk_${'0'.repeat(12)}_${mintApiKey().key.slice(-43)}`)).rejects.toMatchObject({
      status: 401,
    });
  });

  it('refuses a key revoked in this process on the very next request', async () => {
    const api = service();
    const { key, id } = await api.create(ADMIN, { name: 'k', scopes: [Scope.Admin] });
    await api.authenticate(key);
    await api.revoke(ADMIN, id);
    await expect(api.authenticate(key)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a key revoked by another process once the cache time has passed', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const here = service(5000);
    const elsewhere = service(5000);
    const { key, id } = await here.create(ADMIN, { name: 'k', scopes: [Scope.Admin] });
    await here.authenticate(key);
    await elsewhere.revoke(ADMIN, id);
    jest.advanceTimersByTime(4000);
    await expect(here.authenticate(key)).resolves.toMatchObject({ id });
    jest.advanceTimersByTime(1001);
    await expect(here.authenticate(key)).rejects.toMatchObject({ status: 401 });
  });

  it('reads the row on every request when the cache is off', async () => {
    const api = service(0);
    const { key } = await api.create(ADMIN, { name: 'k', scopes: [Scope.Admin] });
    await api.authenticate(key);
    await api.authenticate(key);
    expect(keys.reads).toBe(2);
  });

  it('writes the last use of every used key on shutdown', async () => {
    const api = service();
    const a = await api.create(ADMIN, { name: 'a', scopes: [Scope.Admin] });
    const b = await api.create(ADMIN, { name: 'b', scopes: [Scope.Admin] });
    await api.authenticate(a.key);
    await api.authenticate(b.key);
    await api.authenticate(a.key);
    await api.onApplicationShutdown();
    expect(keys.touches.map((touch) => touch.id).sort()).toEqual([a.id, b.id].sort());
  });
});
