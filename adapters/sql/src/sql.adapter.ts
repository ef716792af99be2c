import { type AdapterContext, defineAdapter } from '@trestle/adapter-sdk';
import { SqlConnection } from './sql-connection';
import { SQL_OPERATION_SCHEMA } from './sql-operation-spec';
import { SQL_CREDENTIALS_SCHEMA, SQL_SETTINGS_SCHEMA, type SqlSettings } from './sql-settings';
import { MysqlDriver } from './transport/mysql-driver';
import { PostgresDriver } from './transport/postgres-driver';
import type { SqlDriver } from './transport/sql-driver';
import { SqliteDriver } from './transport/sqlite-driver';

function openDriver({ settings, credentials, limits, logger }: AdapterContext<SqlSettings>): SqlDriver {
  switch (settings.dialect) {
    case 'postgres':
      return PostgresDriver.create(settings, credentials.password, limits, logger);
    case 'mysql':
    case 'mariadb':
      return MysqlDriver.create(settings, credentials.password, limits, logger);
    case 'sqlite':
      return SqliteDriver.create(settings, limits, logger);
  }
}

/**
 * The SQL adapter (kind `sql`): PostgreSQL (pg), MariaDB/MySQL (mysql2) and SQLite
 * (better-sqlite3), chosen by `settings.dialect`. Operation specs are a table
 * (`{ table, columns?, key, where? }`) or a query (`{ query }`); see docs/adapters.md.
 */
export const sqlAdapter = defineAdapter<SqlSettings>({
  kind: 'sql',
  displayName: 'SQL database',
  description: 'PostgreSQL, MariaDB/MySQL or SQLite: tables and named queries with keyset paging.',
  settingsSchema: SQL_SETTINGS_SCHEMA,
  credentialsSchema: SQL_CREDENTIALS_SCHEMA,
  operationSchema: SQL_OPERATION_SCHEMA,
  async connect(context) {
    const driver = openDriver(context);
    const { dialect, host, database, user, file } = context.settings;
    context.logger.info('sql connection opened', { dialect, host, database, user, file });
    return new SqlConnection({ ...context, driver });
  },
});

export default sqlAdapter;
