import { dataSourceOptions, schemaDriftAfterMigrations, SchemaDrift } from '@trestle/database';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTemporaryPostgres } from './temporary-postgres';

const POOL = { databasePoolSize: 2 };

export async function sqliteDrift(): Promise<SchemaDrift> {
  const dir = mkdtempSync(join(tmpdir(), 'trestle-migrations-'));
  try {
    return await schemaDriftAfterMigrations(
      dataSourceOptions({ ...POOL, databaseUrl: undefined, sqlitePath: join(dir, 'fresh.sqlite') }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function postgresDrift(): Promise<SchemaDrift> {
  const database = await createTemporaryPostgres('trestle_migrations');
  try {
    return await schemaDriftAfterMigrations(dataSourceOptions({ ...POOL, databaseUrl: database.url, sqlitePath: '' }));
  } finally {
    await database.drop();
  }
}

/** Entity-vs-migration drift on a fresh database of each kind Trestle supports. */
export const SCHEMA_DRIFT = { postgres: postgresDrift, sqlite: sqliteDrift } as const;
export type SchemaKind = keyof typeof SCHEMA_DRIFT;
