import { AppConfig } from '@trestle/core';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS } from './migrations/postgres';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

export type DatabaseKind = 'postgres' | 'sqlite';

export function databaseKindOf(config: Pick<AppConfig, 'databaseUrl'>): DatabaseKind {
  return config.databaseUrl ? 'postgres' : 'sqlite';
}

/** PostgreSQL when DATABASE_URL is set, the embedded SQLite file otherwise; schema only ever changes by migration. */
export function dataSourceOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'sqlitePath' | 'databasePoolSize'>,
): DataSourceOptions {
  const common = { entities: ALL_ENTITIES, synchronize: false, migrationsRun: true, logging: false } as const;
  if (config.databaseUrl) {
    return {
      ...common,
      type: 'postgres',
      url: config.databaseUrl,
      migrations: POSTGRES_MIGRATIONS,
      extra: { max: config.databasePoolSize, connectionTimeoutMillis: 5000 },
    };
  }
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.sqlitePath,
    migrations: SQLITE_MIGRATIONS,
    enableWAL: config.sqlitePath !== ':memory:',
    prepareDatabase: (db: { pragma(statement: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      // In WAL mode NORMAL survives any process crash; only an OS crash can lose the last commits.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
  };
}
