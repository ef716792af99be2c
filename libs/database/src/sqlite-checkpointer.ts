import { Logger } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

const CHECKPOINT_EVERY_MS = 100;
const STOP_WAIT_MS = 5000;
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * Plain JavaScript, run unbundled in a worker thread with a connection of its own. PASSIVE
 * checkpoints never wait for readers or writers, so the hub's connection is never held up by one.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const messageOf = (error) => String((error && error.message) || (error && error.code) || error);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: messageOf(error) });
  process.exit(1);
}
let failing = false;
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failing = false;
  } catch (error) {
    if (!failing) parentPort.postMessage({ type: 'failed', message: messageOf(error) });
    failing = true;
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
parentPort.postMessage({ type: 'ready' });
`;

/**
 * SQLite checkpoints the WAL inside whichever commit fills it past 1000 pages: on the event loop,
 * with fsyncs, a stall of milliseconds for whatever request made that commit. The checkpointer
 * turns that off for the hub's connection and checkpoints from a worker thread instead; if the
 * worker cannot run, SQLite's own checkpoints come back on.
 */
export class SqliteCheckpointer {
  private readonly logger = new Logger(SqliteCheckpointer.name);
  private stopping = false;
  private readonly exited: Promise<unknown>;

  private constructor(
    private readonly worker: Worker,
    private readonly connection: Database,
  ) {
    worker.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'failed') this.logger.warn(`SQLite background checkpoint failed: ${message.message}`);
    });
    worker.on('error', (error) => this.logger.warn(`SQLite checkpoint thread failed: ${error.message}`));
    this.exited = once(worker, 'exit').catch(() => undefined);
    worker.on('exit', () => {
      if (this.stopping) return;
      this.logger.warn('SQLite checkpoint thread exited; SQLite checkpoints on commit again');
      this.restoreAutocheckpoint();
    });
    worker.unref();
  }

  /** Starts checkpointing `file` in the background; undefined (and SQLite's own checkpoints kept) when it cannot. */
  static async start(
    connection: Database,
    file: string,
    everyMs = CHECKPOINT_EVERY_MS,
  ): Promise<SqliteCheckpointer | undefined> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file, everyMs },
    });
    try {
      const [message] = (await once(worker, 'message')) as [{ type: string; message?: string }];
      if (message.type !== 'ready') throw new Error(message.message);
    } catch (error) {
      new Logger(SqliteCheckpointer.name).warn(
        `SQLite checkpoint thread did not start (${String((error as { message?: unknown }).message ?? error)}); SQLite checkpoints on commit`,
      );
      await worker.terminate();
      return undefined;
    }
    connection.pragma('wal_autocheckpoint = 0');
    return new SqliteCheckpointer(worker, connection);
  }

  /** Checkpoints once more, closes the thread's connection and gives checkpoints back to SQLite. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.worker.postMessage('stop');
    const timer = setTimeout(() => void this.worker.terminate(), STOP_WAIT_MS);
    await this.exited;
    clearTimeout(timer);
    this.restoreAutocheckpoint();
  }

  private restoreAutocheckpoint(): void {
    if (this.connection.open) this.connection.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  }
}
