import type { AdapterLimits, AdapterLogger } from '@trestle/adapter-sdk';
import {
  createConnection,
  createPool,
  type ConnectionOptions,
  type ExecuteValues,
  type Pool,
  type PoolConnection,
  type ResultSetHeader,
} from 'mysql2';
import type { SqlSettings } from '../sql-settings';
import { guardedStep, releaseWhenAcquired } from './guarded-step';
import { abortedError, scrub } from './sql-error';
import { GRAMMARS, type SqlDriver, type SqlResult } from './sql-driver';

/**
 * A MariaDB/MySQL pool (mysql2, server-side prepared statements). Aborted statements are killed
 * with KILL QUERY from a separate connection; MariaDB's max_statement_time is the server backstop.
 */
export class MysqlDriver implements SqlDriver {
  readonly grammar = GRAMMARS.mysql;
  private readonly pool: Pool;
  private closing?: Promise<void>;

  constructor(
    private readonly options: ConnectionOptions,
    poolSize: number,
    timeoutMs: number,
    private readonly secrets: readonly string[],
    private readonly logger: AdapterLogger,
  ) {
    this.pool = createPool({ ...options, connectionLimit: poolSize, maxIdle: poolSize });
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    this.pool.on('connection', (connection) => {
      connection.query(`SET SESSION max_statement_time = ${seconds}`, () => undefined);
    });
  }

  static create(settings: SqlSettings, password: string | undefined, limits: AdapterLimits, logger: AdapterLogger) {
    const ssl = settings.ssl === true ? {} : settings.ssl === false ? undefined : settings.ssl;
    const options: ConnectionOptions = {
      host: settings.host,
      port: settings.port ?? 3306,
      database: settings.database,
      user: settings.user,
      password,
      ssl,
      connectTimeout: limits.timeoutMs,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      multipleStatements: false,
      charset: 'utf8mb4',
    };
    return new MysqlDriver(options, settings.poolSize ?? 5, limits.timeoutMs, password ? [password] : [], logger);
  }

  private get step() {
    return { dialect: 'mysql' as const, secrets: this.secrets };
  }

  async query(sql: string, params: readonly unknown[], signal: AbortSignal): Promise<SqlResult> {
    if (signal.aborted) throw abortedError(signal, 'mysql', 'query');
    const connecting = new Promise<PoolConnection>((resolve, reject) =>
      this.pool.getConnection((error, connection) => (error ? reject(error) : resolve(connection))),
    );
    const connection = await guardedStep(
      connecting,
      signal,
      { ...this.step, action: 'connect' },
      releaseWhenAcquired(connecting),
    );
    const thread = connection.threadId;
    const running = new Promise<unknown>((resolve, reject) =>
      connection.execute(sql, params.map(bindable), (error, result) => (error ? reject(error) : resolve(result))),
    );
    running.then(
      () => connection.release(),
      () => connection.destroy(),
    );
    const result = await guardedStep(running, signal, { ...this.step, action: 'query' }, () => void this.kill(thread));
    if (Array.isArray(result)) return { rows: result as Record<string, unknown>[], affectedRows: result.length };
    const header = result as ResultSetHeader;
    return { rows: [], affectedRows: header.affectedRows, insertId: header.insertId || undefined };
  }

  async describe(signal: AbortSignal): Promise<Record<string, unknown>> {
    const { rows } = await this.query('SELECT VERSION() AS version', [], signal);
    return { dialect: 'mysql', serverVersion: rows[0]?.version };
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) =>
      this.pool.end((error) => {
        if (error) this.logger.warn('closing MySQL pool failed', { reason: this.safe(error) });
        resolve();
      }),
    );
    return this.closing;
  }

  /** Kills the statement running on `thread`, through its own short-lived connection. */
  private kill(thread: number): Promise<void> {
    return new Promise((resolve) => {
      const killer = createConnection(this.options);
      killer.on('error', () => undefined);
      killer.query(`KILL QUERY ${Number(thread)}`, (error) => {
        if (error) this.logger.warn('killing a MySQL statement failed', { thread, reason: this.safe(error) });
        else this.logger.debug('killed MySQL statement', { thread });
        killer.end(() => resolve());
      });
    });
  }

  private safe(error: unknown): string {
    return scrub(error instanceof Error ? error.message : String(error), this.secrets);
  }
}

function bindable(value: unknown): ExecuteValues {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as ExecuteValues;
}
