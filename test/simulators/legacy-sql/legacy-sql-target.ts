import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { Client, type Pool as PgPool } from 'pg';
import type { LegacyRow } from './legacy-rows';
import { type LegacySqlKind, quoteIdentifier } from './legacy-schema';

/** Where the legacy schema goes: a file path or URL (opened and closed here) or a connection the caller owns. */
export type LegacySqlConnection = string | Database.Database | mysql.Connection | mysql.Pool | Client | PgPool;

export interface LegacySqlTarget {
  run(sql: string): Promise<void>;
  insert(table: string, columns: readonly string[], rows: readonly LegacyRow[]): Promise<void>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

const MAX_PARAMETERS = 60_000;

const valuesClause = (rowCount: number, width: number, placeholder: (index: number) => string): string =>
  Array.from(
    { length: rowCount },
    (_, row) => `(${Array.from({ length: width }, (_, column) => placeholder(row * width + column + 1)).join(', ')})`,
  ).join(', ');

function sqliteTarget(connection: string | Database.Database): LegacySqlTarget {
  const db = typeof connection === 'string' ? new Database(connection) : connection;
  const q = (name: string) => quoteIdentifier('sqlite', name);
  return {
    run: async (sql) => void db.exec(sql),
    insert: async (table, columns, rows) => {
      const statement = db.prepare(
        `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      db.transaction(() => rows.forEach((row) => statement.run(...row)))();
    },
    count: async (table) => (db.prepare(`SELECT COUNT(*) AS n FROM ${q(table)}`).get() as { n: number }).n,
    close: async () => {
      if (typeof connection === 'string') db.close();
    },
  };
}

async function mariadbTarget(connection: string | mysql.Connection | mysql.Pool): Promise<LegacySqlTarget> {
  const db =
    typeof connection === 'string'
      ? await mysql.createConnection(connection.replace(/^mariadb:/, 'mysql:'))
      : (connection as mysql.Connection);
  const q = (name: string) => quoteIdentifier('mariadb', name);
  return {
    run: async (sql) => void (await db.query(sql)),
    insert: async (table, columns, rows) => {
      const sql = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${valuesClause(rows.length, columns.length, () => '?')}`;
      await db.query(sql, rows.flat());
    },
    count: async (table) => {
      const [result] = await db.query(`SELECT COUNT(*) AS n FROM ${q(table)}`);
      return Number((result as { n: number }[])[0].n);
    },
    close: async () => {
      if (typeof connection === 'string') await db.end();
    },
  };
}

async function postgresTarget(connection: string | Client | PgPool): Promise<LegacySqlTarget> {
  const db = typeof connection === 'string' ? new Client({ connectionString: connection }) : connection;
  if (typeof connection === 'string') await (db as Client).connect();
  const q = (name: string) => quoteIdentifier('postgres', name);
  return {
    run: async (sql) => void (await db.query(sql)),
    insert: async (table, columns, rows) => {
      const sql = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${valuesClause(rows.length, columns.length, (n) => `$${n}`)}`;
      await db.query(sql, rows.flat());
    },
    count: async (table) => Number((await db.query(`SELECT COUNT(*) AS n FROM ${q(table)}`)).rows[0].n),
    close: async () => {
      if (typeof connection === 'string') await (db as Client).end();
    },
  };
}

/** Opens the database behind `connection` for the seeder; closes it on close() only if it opened it. */
export async function openLegacySqlTarget(
  kind: LegacySqlKind,
  connection: LegacySqlConnection,
): Promise<LegacySqlTarget> {
  switch (kind) {
    case 'sqlite':
      return sqliteTarget(connection as string | Database.Database);
    case 'mariadb':
      return mariadbTarget(connection as string | mysql.Connection | mysql.Pool);
    case 'postgres':
      return postgresTarget(connection as string | Client | PgPool);
  }
}

/** The most rows of `width` columns one multi-row INSERT may carry. */
export const maxRowsPerInsert = (width: number): number => Math.floor(MAX_PARAMETERS / width);
