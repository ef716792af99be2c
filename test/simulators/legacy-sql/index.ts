export { LEGACY_TABLES, legacySchemaStatements, type LegacySqlKind } from './legacy-schema';
export { CUSTOMER_STATUS_CODES, legacyCustomerNo, legacyOrderNo, ORDER_STATUS_CODES } from './legacy-rows';
export type { LegacySqlConnection } from './legacy-sql-target';
export {
  countLegacySql,
  dropLegacySql,
  seedLegacySql,
  type LegacySeedOptions,
  type LegacySeedResult,
} from './legacy-sql.seeder';
export { startLegacySqlite, type LegacySqlite, type LegacySqliteOptions } from './legacy-sqlite.simulator';
export { createTemporaryDatabase, type TemporaryDatabase } from './temporary-database';
