import { DataSource, DataSourceOptions } from 'typeorm';

export interface SchemaDrift {
  up: string[];
  down: string[];
}

/** Runs every migration on the given (fresh) database, then asks TypeORM what still differs from the entities. */
export async function schemaDriftAfterMigrations(options: DataSourceOptions): Promise<SchemaDrift> {
  const dataSource = new DataSource({ ...options, migrationsRun: false, synchronize: false, logging: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((query) => query.query),
      down: sql.downQueries.map((query) => query.query),
    };
  } finally {
    await dataSource.destroy();
  }
}
