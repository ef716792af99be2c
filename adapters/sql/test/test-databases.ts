import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createConnection, type Connection } from 'mysql2/promise';
import { Client } from 'pg';
import { createTemporaryPostgres } from '../../../test/harness/temporary-postgres';
import type { SqlSettings } from '../src/sql-settings';
import { type Execute, postgresPlaceholders, type SeedDialect } from './legacy-sql-seed';

/** A throwaway database for one spec: how to connect, how to run admin SQL, and how to drop it. */
export interface TestDatabase {
  dialect: SeedDialect;
  settings: SqlSettings;
  password: string;
  /** Settings and password of a connection that must fail, and the code it fails with. */
  failing: { settings: SqlSettings; password: string; code: 'auth' | 'unreachable' };
  execute: Execute;
  /** Statements (other than the caller's) still running a sleep on the server. */
  runningSleeps?: () => Promise<number>;
  /** A passthrough query sleeping `:seconds` seconds, where the dialect has one. */
  sleepQuery?: string;
  drop(): Promise<void>;
}

const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

export async function postgresDatabase(): Promise<TestDatabase> {
  const temporary = await createTemporaryPostgres('trestle_sql');
  const url = new URL(temporary.url);
  const client = new Client({ connectionString: temporary.url });
  await client.connect();
  const password = `pg-${randomBytes(9).toString('base64url')}`;
  const settings: SqlSettings = {
    dialect: 'postgres',
    host: url.hostname,
    port: Number(url.port || 5432),
    database: temporary.name,
    user: decodeURIComponent(url.username) || 'postgres',
    poolSize: 4,
  };
  return {
    dialect: 'postgres',
    settings,
    password,
    failing: {
      settings: { ...settings, port: 1 },
      password: `pg-wrong-${randomBytes(6).toString('hex')}`,
      code: 'unreachable',
    },
    execute: (sql, params) => client.query(postgresPlaceholders(sql), params),
    sleepQuery: 'SELECT pg_sleep(:seconds) AS slept',
    runningSleeps: async () => {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()",
        [temporary.name],
      );
      return rows[0].n as number;
    },
    drop: async () => {
      await client.end();
      await temporary.drop();
    },
  };
}

export async function mariadbDatabase(): Promise<TestDatabase> {
  const name = `trestle_sql_${randomBytes(6).toString('hex')}`;
  const password = `My-${randomBytes(9).toString('base64url')}`;
  const admin: Connection = await createConnection(MARIADB);
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.query(`CREATE USER '${name}'@'%' IDENTIFIED BY '${password}'`);
  await admin.query(`GRANT ALL ON \`${name}\`.* TO '${name}'@'%'`);
  const seeder = await createConnection({ ...MARIADB, database: name });
  const settings: SqlSettings = {
    dialect: 'mariadb',
    host: '127.0.0.1',
    port: 3306,
    database: name,
    user: name,
    poolSize: 4,
  };
  return {
    dialect: 'mysql',
    settings,
    password,
    failing: { settings, password: `My-wrong-${randomBytes(6).toString('hex')}`, code: 'auth' },
    execute: (sql, params) => seeder.query(sql, params),
    sleepQuery: 'SELECT SLEEP(:seconds) AS slept',
    runningSleeps: async () => {
      const [rows] = await admin.query(
        "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ? AND INFO LIKE '%SLEEP(%'",
        [name],
      );
      return Number((rows as Array<{ n: number }>)[0].n);
    },
    drop: async () => {
      await seeder.end();
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.query(`DROP USER IF EXISTS '${name}'@'%'`);
      await admin.end();
    },
  };
}

export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'trestle-sql-'));
  const file = join(dir, 'legacy.sqlite');
  const db = new Database(file);
  return {
    dialect: 'sqlite',
    settings: { dialect: 'sqlite', file },
    password: `sqlite-${randomBytes(9).toString('base64url')}`,
    failing: {
      settings: { dialect: 'sqlite', file: join(dir, 'missing.sqlite') },
      password: 'sqlite-wrong-x',
      code: 'unreachable',
    },
    execute: async (sql, params) => db.transaction(() => db.prepare(sql).run(...params))(),
    drop: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
