import { AdapterError } from '@trestle/adapter-sdk';
import { isTableOperation, type SqlOperation, type SqlWhere } from '../sql-operation-spec';
import type { SqlGrammar } from '../transport/sql-driver';
import { compileNamedParameters } from '../transport/named-parameters';
import { SqlStatement } from './sql-statement';

/** Conditions of one SELECT: all equalities and comparisons are bound values. */
export interface SelectConditions {
  equal?: SqlWhere;
  /** Column >= value (incremental). */
  atLeast?: { column: string; value: unknown };
  /** Column > value (keyset). */
  after?: { column: string; value: unknown };
  /** Column = value, compared trimmed where the dialect has no CHAR semantics. */
  key?: { column: string; value: unknown };
  orderBy?: string;
}

/**
 * Starts `SELECT <columns> FROM <table>` for a table spec, or `SELECT * FROM (<query>) q` for a
 * query spec, and returns the statement with a function that writes a column reference.
 */
export function selectFrom(
  grammar: SqlGrammar,
  spec: SqlOperation,
): { statement: SqlStatement; column: (name: string) => string } {
  const statement = new SqlStatement(grammar);
  if (isTableOperation(spec)) {
    const columns = spec.columns?.length ? spec.columns.map((name) => statement.id(name)).join(', ') : '*';
    statement.sql(`SELECT ${columns} FROM ${statement.id(spec.table, true)}`);
    return { statement, column: (name) => statement.id(name) };
  }
  const inner = compileNamedParameters(spec.query, grammar.placeholder);
  if (inner.names.length > 0) {
    throw new AdapterError(
      'unsupported',
      'list and get queries take no named parameters; paging and filters are applied around them',
      {
        details: { parameters: inner.names },
      },
    );
  }
  statement.sql(`SELECT * FROM (${inner.text}) q`);
  return { statement, column: (name) => `q.${statement.id(name)}` };
}

/** Appends WHERE ... ORDER BY for the conditions; the caller appends the LIMIT. */
export function whereClause(
  statement: SqlStatement,
  column: (name: string) => string,
  conditions: SelectConditions,
): void {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(conditions.equal ?? {})) {
    parts.push(value === null ? `${column(name)} IS NULL` : `${column(name)} = ${statement.bind(value)}`);
  }
  if (conditions.atLeast)
    parts.push(`${column(conditions.atLeast.column)} >= ${statement.bind(conditions.atLeast.value)}`);
  if (conditions.after) parts.push(`${column(conditions.after.column)} > ${statement.bind(conditions.after.value)}`);
  if (conditions.key) {
    const ref = column(conditions.key.column);
    const left = statement.grammar.trimsCharKeys ? `RTRIM(${ref})` : ref;
    parts.push(`${left} = ${statement.bind(conditions.key.value)}`);
  }
  if (parts.length > 0) statement.sql(` WHERE ${parts.join(' AND ')}`);
  if (conditions.orderBy) statement.sql(` ORDER BY ${column(conditions.orderBy)}`);
}

/** The key column of a spec, or AdapterError('unsupported') when the spec has none. */
export function keyOf(spec: SqlOperation, what: string): string {
  const key = spec.paging?.style === 'keyset' ? spec.paging.key : spec.key;
  if (!key) throw new AdapterError('unsupported', `${what} needs a key column in the operation spec`);
  return key;
}
