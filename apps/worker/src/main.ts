import 'reflect-metadata';

process.env.TZ = 'UTC';

import { closeGracefullyOnSignal, ConfigValidationError, loadConfig } from '@trestle/core';
import { Logger } from 'nestjs-pino';
import { createWorkerApp } from './create-worker-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createWorkerApp(config);
  const logger = app.get(Logger);
  closeGracefullyOnSignal(app, { graceMs: config.shutdownGraceMs, logger });
  await app.listen(config.workerPort, config.host);
  logger.log(`Trestle worker ready; health and metrics on ${await app.getUrl()}`, 'Worker');
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigValidationError
      ? error.message
      : `Trestle worker failed to start: ${error instanceof Error ? error.stack : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
