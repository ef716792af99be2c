import type { JsonSchema } from '@trestle/adapter-sdk';

/** Database dialects the SQL adapter speaks; `mariadb` is an alias of `mysql`. */
export type SqlDialect = 'postgres' | 'mysql' | 'mariadb' | 'sqlite';

/** Settings of one SQL connection (a type alias, so it fits AdapterContext's settings record). Credentials hold only `password`. */
export type SqlSettings = {
  dialect: SqlDialect;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  /** SQLite database file (`:memory:` for a throwaway one). */
  file?: string;
  /** TLS to the server: true, or options (`rejectUnauthorized`, `ca` PEM). */
  ssl?: boolean | { rejectUnauthorized?: boolean; ca?: string };
  /** Most connections held open at once; default 5. */
  poolSize?: number;
  /** Records per page when neither the call nor the operation says; default 500. */
  defaultPageSize?: number;
  /** Largest page a caller may ask for; default 5000. */
  maxPageSize?: number;
};

/** JSON Schema of SqlSettings. */
export const SQL_SETTINGS_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['dialect'],
  properties: {
    dialect: { enum: ['postgres', 'mysql', 'mariadb', 'sqlite'] },
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    database: { type: 'string', minLength: 1 },
    user: { type: 'string', minLength: 1 },
    file: { type: 'string', minLength: 1 },
    ssl: {
      anyOf: [
        { type: 'boolean' },
        {
          type: 'object',
          properties: { rejectUnauthorized: { type: 'boolean' }, ca: { type: 'string' } },
          additionalProperties: false,
        },
      ],
    },
    poolSize: { type: 'integer', minimum: 1, maximum: 100 },
    defaultPageSize: { type: 'integer', minimum: 1, maximum: 10000 },
    maxPageSize: { type: 'integer', minimum: 1, maximum: 100000 },
  },
  additionalProperties: false,
  if: { properties: { dialect: { const: 'sqlite' } } },
  then: { required: ['file'] },
  else: { required: ['host', 'database', 'user'] },
};

/** JSON Schema of the credentials: a password, secret. */
export const SQL_CREDENTIALS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { password: { type: 'string' } },
  additionalProperties: false,
};
