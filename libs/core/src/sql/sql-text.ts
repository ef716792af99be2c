import type { Database } from 'better-sqlite3';
import type { DataSource, EntityManager } from 'typeorm';

/** `?` placeholders as the connected database wants them (`$1`, `$2`, ... on PostgreSQL). */
export function sqlFor(db: DataSource | EntityManager, text: string): string {
  const type = 'connection' in db ? db.connection.options.type : db.options.type;
  if (type !== 'postgres') return text;
  let index = 0;
  return text.replace(/\?/g, () => `$${++index}`);
}

export function isPostgres(db: DataSource | EntityManager): boolean {
  return ('connection' in db ? db.connection.options.type : db.options.type) === 'postgres';
}

/** The rows an UPDATE or DELETE ... RETURNING gave back (TypeORM wraps them as `[rows, count]` on PostgreSQL). */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** The better-sqlite3 connection under a TypeORM SQLite data source, for work TypeORM has no API for. */
export function sqliteConnectionOf(dataSource: DataSource): Database {
  return (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
}
