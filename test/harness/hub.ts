import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_KEY_PREFIX, ApiKeyService, Principal, trustedTenantId } from '@trestle/auth';
import { Environment, loadConfig, Scope } from '@trestle/core';
import { createHubApp } from '../../apps/hub/src/create-hub-app';

export interface TestHub {
  app: NestFastifyApplication;
  /** An admin key of the default tenant. */
  adminKey: string;
  /** Mints a key with the given scopes in the given tenant, as the platform would. */
  mintKey(scopes: Scope[], tenantId?: string): Promise<string>;
  close(): Promise<void>;
}

const HARNESS: Principal = {
  kind: 'system',
  id: 'test-harness',
  tenantId: trustedTenantId('default'),
  scopes: new Set([Scope.Admin]),
};

/** A hub built exactly as production builds it, on a throwaway SQLite database unless the caller says otherwise. */
export async function startTestHub(env: Environment = {}): Promise<TestHub> {
  const config = loadConfig({
    SQLITE_PATH: ':memory:',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    PRINT_BOOTSTRAP_KEY: 'false',
    DEMO_SYSTEMS: 'off',
    ...env,
  });
  const app = await createHubApp(config);
  await app.getHttpAdapter().getInstance().ready();
  const apiKeys = app.get(ApiKeyService);
  const mintKey = async (scopes: Scope[], tenantId = 'default') =>
    (await apiKeys.create(HARNESS, { name: `test ${scopes.join(' ')}`, scopes, tenantId })).key;
  return { app, adminKey: await mintKey([Scope.Admin]), mintKey, close: () => app.close() };
}

export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` };
}

/** The secret part of `trk_<hex id>_<secret>`; the base64url secret may itself contain `_`. */
export function apiKeySecret(key: string): string {
  return key.slice(key.indexOf('_', API_KEY_PREFIX.length) + 1);
}
