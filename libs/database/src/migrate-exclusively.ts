import { DataSource } from 'typeorm';

/** Any fixed 64-bit key; every Trestle process migrating one database takes the same one. */
const MIGRATION_LOCK_KEY = 7_304_117_115_042_201;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so hubs and workers started
 * together on an empty database migrate it once instead of racing on the same CREATE statements.
 * SQLite serializes writers by itself.
 */
export async function migrateExclusively(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations();
    return;
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
