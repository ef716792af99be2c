export { default, sqlAdapter } from './sql.adapter';
export type { SqlDialect, SqlSettings } from './sql-settings';
export { SQL_CREDENTIALS_SCHEMA, SQL_SETTINGS_SCHEMA } from './sql-settings';
export type { SqlOperation, SqlQueryOperation, SqlTableOperation, SqlWhere } from './sql-operation-spec';
export { SQL_OPERATION_SCHEMA } from './sql-operation-spec';
