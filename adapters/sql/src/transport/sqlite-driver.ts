import type { AdapterLimits, AdapterLogger } from '@trestle/adapter-sdk';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { SqlSettings } from '../sql-settings';
import { abortedError, toAdapterError } from './sql-error';
import { GRAMMARS, type SqlDriver, type SqlResult } from './sql-driver';

/**
 * A SQLite file (better-sqlite3). Statements run synchronously: the signal is checked before and
 * after each one, but a statement that has started cannot be interrupted (better-sqlite3 offers no
 * interrupt); keyset pages keep each statement short.
 */
/** Distinct statements kept prepared per database; the adapter builds few shapes, parameters vary. */
const PREPARED_STATEMENTS = 128;

export class SqliteDriver implements SqlDriver {
  readonly grammar = GRAMMARS.sqlite;
  private closed = false;
  private readonly prepared = new LRUCache<string, Database.Statement>({ max: PREPARED_STATEMENTS });

  private constructor(
    private readonly db: Database.Database,
    private readonly logger: AdapterLogger,
  ) {}

  static create(settings: SqlSettings, limits: AdapterLimits, logger: AdapterLogger): SqliteDriver {
    try {
      const db = new Database(settings.file!, {
        fileMustExist: settings.file !== ':memory:',
        timeout: limits.timeoutMs,
      });
      return new SqliteDriver(db, logger);
    } catch (error) {
      throw toAdapterError(error, 'sqlite', [], 'open');
    }
  }

  async query(sql: string, params: readonly unknown[], signal: AbortSignal): Promise<SqlResult> {
    if (signal.aborted) throw abortedError(signal, 'sqlite', 'query');
    if (this.closed)
      throw toAdapterError({ code: 'SQLITE_CANTOPEN', message: 'database closed' }, 'sqlite', [], 'query');
    let result: SqlResult;
    try {
      const statement = this.statement(sql);
      const values = params.map(bindable);
      if (statement.reader) {
        result = { rows: statement.all(...values) as Record<string, unknown>[], affectedRows: 0 };
      } else {
        const run = statement.run(...values);
        result = { rows: [], affectedRows: run.changes, insertId: Number(run.lastInsertRowid) };
      }
    } catch (error) {
      throw toAdapterError(error, 'sqlite', [], 'query');
    }
    if (signal.aborted) throw abortedError(signal, 'sqlite', 'query');
    return result;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  async describe(): Promise<Record<string, unknown>> {
    const row = this.db.prepare('SELECT sqlite_version() AS version').get() as { version: string };
    return { dialect: 'sqlite', serverVersion: row.version };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.prepared.clear();
    this.db.close();
    this.logger.debug('closed SQLite database');
  }
}

function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}
