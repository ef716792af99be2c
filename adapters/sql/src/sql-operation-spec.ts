import type { IncrementalSpec, JsonSchema, OperationSpec, PagingSpec } from '@trestle/adapter-sdk';

/** A SQL identifier: letters, digits, `_` and `$`, not starting with a digit; `schema.table` allowed for tables. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Equality conditions on columns; values are always bound as parameters. */
export type SqlWhere = Record<string, string | number | boolean | null>;

/**
 * An operation built from a table: the adapter writes the SQL, quoting validated identifiers and
 * binding every value.
 */
export interface SqlTableOperation extends OperationSpec {
  table: string;
  /** Columns to read (and the only ones a write may set); all when absent. */
  columns?: string[];
  /** Unique key column: get/update look it up, keyset paging orders by it. */
  key: string;
  /** Fixed equality conditions added to every statement. */
  where?: SqlWhere;
  paging?: PagingSpec;
  incremental?: IncrementalSpec;
}

/**
 * An operation given as one SQL query with named parameters (`:name`). For list and get it is
 * wrapped as a subquery (`SELECT * FROM (<query>) q WHERE q.key > ? ORDER BY q.key`); for
 * passthrough its parameters come from the call's arguments, always bound.
 */
export interface SqlQueryOperation extends OperationSpec {
  query: string;
  /** Unique key column of the query's result, for get and keyset paging. */
  key?: string;
  /** Passthrough only: most rows returned (default 1000); more is an invalid_response. */
  maxRows?: number;
  paging?: PagingSpec;
  incremental?: IncrementalSpec;
}

export type SqlOperation = SqlTableOperation | SqlQueryOperation;

/** Whether an operation is a table spec. */
export function isTableOperation(spec: SqlOperation): spec is SqlTableOperation {
  return typeof (spec as SqlTableOperation).table === 'string';
}

const identifier = { type: 'string', pattern: IDENTIFIER.source };

/** JSON Schema of one SQL operation spec, as AdapterDefinition.operationSchema. */
export const SQL_OPERATION_SCHEMA: JsonSchema = {
  type: 'object',
  oneOf: [
    {
      required: ['table', 'key'],
      properties: {
        table: {
          type: 'string',
          pattern: `^${IDENTIFIER.source.slice(1, -1)}(\\.${IDENTIFIER.source.slice(1, -1)})?$`,
        },
        columns: { type: 'array', items: identifier, minItems: 1, uniqueItems: true },
        key: identifier,
        where: {
          type: 'object',
          propertyNames: identifier,
          additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
        },
        paging: true,
        incremental: true,
      },
      additionalProperties: false,
    },
    {
      required: ['query'],
      properties: {
        query: { type: 'string', minLength: 1 },
        key: identifier,
        maxRows: { type: 'integer', minimum: 1, maximum: 100000 },
        paging: true,
        incremental: true,
      },
      additionalProperties: false,
    },
  ],
  properties: {
    paging: {
      type: 'object',
      properties: { style: { enum: ['none', 'keyset'] }, key: identifier },
    },
    incremental: { type: 'object', properties: { param: identifier } },
  },
};
