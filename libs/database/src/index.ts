export { DatabaseModule } from './database.module';
export { dataSourceOptions, databaseKindOf, type DatabaseKind } from './data-source-options';
export { schemaDriftAfterMigrations, type SchemaDrift } from './schema-drift';
export { ALL_ENTITIES } from './entities';
export { POSTGRES_MIGRATIONS } from './migrations/postgres';
