import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Environment, loadConfig } from '@trestle/core';
import { createHubApp } from '../../apps/hub/src/create-hub-app';

/** A hub built exactly as production builds it, on a throwaway SQLite database unless the caller says otherwise. */
export async function startTestHub(env: Environment = {}): Promise<NestFastifyApplication> {
  const config = loadConfig({ SQLITE_PATH: ':memory:', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...env });
  const app = await createHubApp(config);
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
