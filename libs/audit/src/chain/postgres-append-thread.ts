import { Logger } from '@nestjs/common';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

const STOP_WAIT_MS = 5000;
const POOL_SIZE = 4;
/** How the thread's connections show in pg_stat_activity. */
export const APPLICATION_NAME = 'trestle audit append';

/**
 * Plain JavaScript, run unbundled in a worker thread with a pool of its own: it runs one prepared
 * statement with the values it is sent and answers with the row count or the error.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Pool } = require(workerData.driver);
const pool = new Pool(workerData.pool);
pool.on('error', () => {});
const describe = (error) => ({ message: String((error && error.message) || error), code: error && error.code });
let running = 0;
let stopping = false;
const endWhenIdle = () => {
  if (stopping && running === 0) pool.end().finally(() => parentPort.close());
};
parentPort.on('message', (message) => {
  if (message.type === 'stop') {
    stopping = true;
    return endWhenIdle();
  }
  running += 1;
  pool
    .query({ name: workerData.name, text: workerData.text, values: message.values })
    .then(
      (result) => parentPort.postMessage({ id: message.id, rowCount: result.rowCount }),
      (error) => parentPort.postMessage({ id: message.id, error: describe(error) }),
    )
    .finally(() => {
      running -= 1;
      endWhenIdle();
    });
});
pool.query('SELECT 1').then(
  () => parentPort.postMessage({ type: 'ready' }),
  (error) => parentPort.postMessage({ type: 'failed', message: describe(error).message }),
);
`;

interface Reply {
  id: number;
  rowCount?: number;
  error?: { message: string; code?: string };
}

export interface AppendStatement {
  name: string;
  text: string;
}

/** An error the database reported for a statement run on the append thread, with its SQLSTATE. */
export class AppendThreadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'AppendThreadError';
  }
}

/**
 * Runs the audit append statement from a worker thread with connections of its own. An append is
 * a round trip to PostgreSQL; from the event loop, its socket writes and reads, the serialization
 * of every row and the parsing of the answer cost more than the chaining itself, and most of all
 * for the small batches of mutating calls that cannot wait for company. Here they run beside the
 * event loop, which only hands the values over.
 */
export class PostgresAppendThread {
  private readonly logger = new Logger(PostgresAppendThread.name);
  private readonly waiting = new Map<number, { resolve: (rowCount: number) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private open = true;
  private readonly exited: Promise<unknown>;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error) => this.logger.warn(`Audit append thread failed: ${error.message}`));
    this.exited = once(worker, 'exit').catch(() => undefined);
    worker.on('exit', () => this.close(new Error('the audit append thread exited')));
    worker.unref();
  }

  /** Starts the thread on `connectionString`; undefined when it cannot connect, and appends stay on the event loop. */
  static async start(connectionString: string, statement: AppendStatement): Promise<PostgresAppendThread | undefined> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('pg'),
        pool: { connectionString, max: POOL_SIZE, connectionTimeoutMillis: 5000, application_name: APPLICATION_NAME },
        ...statement,
      },
    });
    try {
      const [message] = (await once(worker, 'message')) as [{ type: string; message?: string }];
      if (message.type !== 'ready') throw new Error(message.message);
    } catch (error) {
      new Logger(PostgresAppendThread.name).warn(
        `Audit append thread did not start (${String((error as { message?: unknown }).message ?? error)}); appends run on the event loop`,
      );
      await worker.terminate();
      return undefined;
    }
    return new PostgresAppendThread(worker);
  }

  /** Whether the thread still takes appends; once it does not, callers run them themselves. */
  get running(): boolean {
    return this.open;
  }

  /** Runs the statement with `values`; resolves with the number of rows it affected. */
  run(values: unknown[]): Promise<number> {
    if (!this.open) return Promise.reject(new Error('the audit append thread is stopped'));
    const id = (this.nextId += 1);
    return new Promise<number>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, values });
    });
  }

  /** Lets the statements already sent finish, closes the thread's connections and ends it. */
  async stop(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.worker.postMessage({ type: 'stop' });
    const timer = setTimeout(() => void this.worker.terminate(), STOP_WAIT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private settle(reply: Reply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (reply.error) waiter.reject(new AppendThreadError(reply.error.message, reply.error.code));
    else waiter.resolve(reply.rowCount ?? 0);
  }

  private close(reason: Error): void {
    this.open = false;
    for (const waiter of this.waiting.values()) waiter.reject(reason);
    this.waiting.clear();
  }
}
