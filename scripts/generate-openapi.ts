import { loadConfig } from '@trestle/core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHubApp } from '../apps/hub/src/create-hub-app';
import { buildOpenApiDocument } from '../apps/hub/src/openapi';

const TARGET = join(__dirname, '..', 'openapi', 'openapi.json');

async function main(): Promise<void> {
  const app = await createHubApp(loadConfig({ ...process.env, SQLITE_PATH: ':memory:', LOG_LEVEL: 'warn' }));
  try {
    const document = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
    if (process.argv.includes('--check')) {
      const committed = readFileSync(TARGET, 'utf8');
      if (committed !== document) {
        console.error('openapi/openapi.json is stale: run `npm run openapi` and commit the result.');
        process.exitCode = 1;
      } else console.log('openapi/openapi.json is up to date');
    } else {
      mkdirSync(join(__dirname, '..', 'openapi'), { recursive: true });
      writeFileSync(TARGET, document);
      console.log(`wrote ${TARGET}`);
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
