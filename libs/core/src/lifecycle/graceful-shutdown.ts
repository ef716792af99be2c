import type { INestApplicationContext, LoggerService } from '@nestjs/common';

interface Closable extends INestApplicationContext {
  getHttpAdapter?: () => { close(): Promise<unknown> };
  getHttpServer?: () => { closeIdleConnections?: () => void };
}

const IDLE_SWEEP_MS = 50;

export interface ShutdownOptions {
  graceMs: number;
  logger: LoggerService;
  signals?: NodeJS.Signals[];
  exit?: (code: number) => void;
}

/**
 * On SIGTERM/SIGINT: stop accepting connections and let in-flight requests finish, then run the
 * modules' shutdown hooks (flush buffers, drain workers, close pools). Exits 1 if that takes
 * longer than the grace period.
 */
export function closeGracefullyOnSignal(app: Closable, options: ShutdownOptions): void {
  const { graceMs, logger, signals = ['SIGTERM', 'SIGINT'], exit = (code) => process.exit(code) } = options;
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining (grace ${graceMs} ms)`, 'Shutdown');
    const deadline = setTimeout(() => {
      logger.error(`Shutdown exceeded ${graceMs} ms; exiting anyway`, undefined, 'Shutdown');
      exit(1);
    }, graceMs);
    deadline.unref();
    closeInOrder(app)
      .then(() => {
        clearTimeout(deadline);
        logger.log('Shutdown complete', 'Shutdown');
        exit(0);
      })
      .catch((error: unknown) => {
        clearTimeout(deadline);
        logger.error(
          `Shutdown failed: ${error instanceof Error ? error.message : String(error)}`,
          undefined,
          'Shutdown',
        );
        exit(1);
      });
  };
  for (const signal of signals) process.once(signal, onSignal);
}

/**
 * Closes the listener first and lets in-flight requests complete, then the rest of the application.
 * Keep-alive connections are closed as soon as they fall idle, so a finished request never holds
 * the process open until the keep-alive timeout.
 */
export async function closeInOrder(app: Closable): Promise<void> {
  const server = app.getHttpServer?.();
  const sweeper = setInterval(() => server?.closeIdleConnections?.(), IDLE_SWEEP_MS);
  try {
    await app.getHttpAdapter?.().close();
  } finally {
    clearInterval(sweeper);
  }
  await app.close();
}
