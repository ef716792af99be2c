import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { Client } from 'pg';

export const MARIADB_ADMIN_URL = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test';
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TemporaryDatabase {
  kind: 'mariadb' | 'postgres';
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function onMariadb(run: (connection: mysql.Connection) => Promise<unknown>): Promise<void> {
  const connection = await mysql.createConnection(MARIADB_ADMIN_URL);
  try {
    await run(connection);
  } finally {
    await connection.end();
  }
}

async function onPostgres(run: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, randomly named database on this machine's MariaDB or PostgreSQL; drop() removes it. */
export async function createTemporaryDatabase(
  kind: 'mariadb' | 'postgres',
  prefix = 'trestle_legacy',
): Promise<TemporaryDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const url = new URL(kind === 'mariadb' ? MARIADB_ADMIN_URL : POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  if (kind === 'mariadb') {
    await onMariadb((connection) => connection.query(`CREATE DATABASE \`${name}\``));
    return {
      kind,
      name,
      url: url.toString(),
      drop: () => onMariadb((connection) => connection.query(`DROP DATABASE IF EXISTS \`${name}\``)),
    };
  }
  await onPostgres((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    kind,
    name,
    url: url.toString(),
    drop: () => onPostgres((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}
