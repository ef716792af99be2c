import type { AdapterLimits, AdapterLogger } from '@trestle/adapter-sdk';
import { Client, type ClientConfig, Pool, types } from 'pg';
import type { SqlSettings } from '../sql-settings';
import { guardedStep, releaseWhenAcquired } from './guarded-step';
import { abortedError, scrub } from './sql-error';
import { GRAMMARS, type SqlDriver, type SqlResult } from './sql-driver';

/** Dates, times and timestamps stay the strings PostgreSQL sent (no local-time Date objects). */
const TEXT_TYPES = new Set([1082, 1083, 1114, 1184, 1266]);

/** A PostgreSQL pool (pg). Aborted statements are cancelled with pg_cancel_backend from a separate connection. */
export class PostgresDriver implements SqlDriver {
  readonly grammar = GRAMMARS.postgres;
  private readonly pool: Pool;
  private readonly cancelling = new Set<Promise<void>>();
  private closing?: Promise<void>;

  constructor(
    private readonly config: ClientConfig,
    poolSize: number,
    private readonly secrets: readonly string[],
    private readonly logger: AdapterLogger,
  ) {
    this.pool = new Pool({ ...config, max: poolSize });
    this.pool.on('error', (error) =>
      this.logger.warn('idle PostgreSQL connection failed', { reason: this.safe(error) }),
    );
  }

  static create(settings: SqlSettings, password: string | undefined, limits: AdapterLimits, logger: AdapterLogger) {
    const config: ClientConfig = {
      host: settings.host,
      port: settings.port ?? 5432,
      database: settings.database,
      user: settings.user,
      password,
      ssl: settings.ssl,
      connectionTimeoutMillis: limits.timeoutMs,
      statement_timeout: limits.timeoutMs,
      application_name: 'trestle',
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          TEXT_TYPES.has(oid)
            ? (value: string) => value
            : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
      },
    };
    return new PostgresDriver(config, settings.poolSize ?? 5, password ? [password] : [], logger);
  }

  private get step() {
    return { dialect: 'postgres' as const, secrets: this.secrets };
  }

  async query(sql: string, params: readonly unknown[], signal: AbortSignal): Promise<SqlResult> {
    if (signal.aborted) throw abortedError(signal, 'postgres', 'query');
    const connecting = this.pool.connect();
    const client = await guardedStep(
      connecting,
      signal,
      { ...this.step, action: 'connect' },
      releaseWhenAcquired(connecting),
    );
    const backend = (client as unknown as { processID: number }).processID;
    const running = client.query({ text: sql, values: params as unknown[] });
    running.then(
      () => client.release(),
      (error: Error) => client.release(error),
    );
    const result = await guardedStep(running, signal, { ...this.step, action: 'query' }, () =>
      this.cancelInBackground(backend),
    );
    return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
  }

  async describe(signal: AbortSignal): Promise<Record<string, unknown>> {
    const { rows } = await this.query('SHOW server_version', [], signal);
    return { dialect: 'postgres', serverVersion: rows[0]?.server_version };
  }

  close(): Promise<void> {
    this.closing ??= Promise.all(this.cancelling)
      .then(() => this.pool.end())
      .catch((error) => this.logger.warn('closing PostgreSQL pool failed', { reason: this.safe(error) }));
    return this.closing;
  }

  private cancelInBackground(backend: number): void {
    const cancelling = this.cancel(backend).finally(() => this.cancelling.delete(cancelling));
    this.cancelling.add(cancelling);
  }

  /** Cancels the statement running on `backend`, through its own short-lived connection. */
  private async cancel(backend: number): Promise<void> {
    const canceller = new Client({ ...this.config, statement_timeout: undefined });
    // A connection the server ends (an administrator, a restart) must not become an unhandled error.
    canceller.on('error', (error) =>
      this.logger.warn('cancelling connection to PostgreSQL failed', { backend, reason: this.safe(error) }),
    );
    try {
      await canceller.connect();
      await canceller.query('SELECT pg_cancel_backend($1)', [backend]);
      this.logger.debug('cancelled PostgreSQL statement', { backend });
    } catch (error) {
      this.logger.warn('cancelling a PostgreSQL statement failed', { backend, reason: this.safe(error) });
    } finally {
      await canceller.end().catch(() => undefined);
    }
  }

  private safe(error: unknown): string {
    return scrub(error instanceof Error ? error.message : String(error), this.secrets);
  }
}
