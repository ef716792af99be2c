import 'reflect-metadata';

process.env.TZ = 'UTC';

import { closeGracefullyOnSignal, ConfigValidationError, loadConfig } from '@trestle/core';
import { Logger } from 'nestjs-pino';
import { createHubApp } from './create-hub-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createHubApp(config);
  const logger = app.get(Logger);
  closeGracefullyOnSignal(app, { graceMs: config.shutdownGraceMs, logger });
  await app.listen(config.port, config.host);
  logger.log(`Trestle hub listening on ${await app.getUrl()}`, 'Hub');
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigValidationError
      ? error.message
      : `Trestle hub failed to start: ${error instanceof Error ? error.stack : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
