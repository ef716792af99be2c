import { DataSource, DataSourceOptions } from 'typeorm';

export interface SchemaDrift {
  up: string[];
  down: string[];
}

/**
 * Tables range-partitioned on PostgreSQL. There the partition key has to be part of the primary key
 * and compares bytewise (COLLATE "C"); the entity, shared with SQLite, says neither.
 */
export const POSTGRES_PARTITIONED_TABLES = [{ table: 'audit_events', key: 'occurred_at', collation: 'C' }] as const;

function describePartitioning(dataSource: DataSource): void {
  if (dataSource.options.type !== 'postgres') return;
  for (const { table, key, collation } of POSTGRES_PARTITIONED_TABLES) {
    const metadata = dataSource.entityMetadatas.find((entity) => entity.tableName === table);
    const column = metadata?.findColumnWithDatabaseName(key);
    if (!metadata || !column) throw new Error(`partitioned table ${table} has no entity column ${key}`);
    column.isPrimary = true;
    column.collation = collation;
    if (!metadata.primaryColumns.includes(column)) metadata.primaryColumns.push(column);
  }
}

/** Runs every migration on the given (fresh) database, then asks TypeORM what still differs from the entities. */
export async function schemaDriftAfterMigrations(options: DataSourceOptions): Promise<SchemaDrift> {
  const dataSource = new DataSource({ ...options, migrationsRun: false, synchronize: false, logging: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    describePartitioning(dataSource);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((query) => query.query),
      down: sql.downQueries.map((query) => query.query),
    };
  } finally {
    await dataSource.destroy();
  }
}
