import type { CallOptions, SourceRecord } from '@trestle/adapter-sdk';
import { SqlStatement } from '../query/sql-statement';
import { callSignal, operationFor, type SqlOperationContext } from '../sql-operation-context';
import { selectByKey } from './get';
import { writableTable, writeColumns } from './write-columns';

/**
 * INSERTs a record (the spec's fixed `where` values fill columns the record leaves out) and returns
 * the stored row: through RETURNING where the dialect has it, else read back by key or insert id.
 */
export async function createRecord(
  context: SqlOperationContext,
  entity: string,
  record: SourceRecord,
  options: CallOptions = {},
): Promise<SourceRecord> {
  const spec = writableTable(operationFor(context, entity, 'create'), entity);
  const columns = writeColumns(spec, { ...(spec.where ?? {}), ...record });
  const statement = new SqlStatement(context.driver.grammar);
  const names = columns.map(([name]) => statement.id(name)).join(', ');
  const values = columns.map(([, value]) => statement.bind(value)).join(', ');
  statement.sql(`INSERT INTO ${statement.id(spec.table, true)} (${names}) VALUES (${values})`);
  if (statement.grammar.returning) statement.sql(' RETURNING *');
  const signal = callSignal(context, options.signal);
  const result = await context.driver.query(statement.text, statement.params, signal);
  if (result.rows.length > 0) return result.rows[0];
  const key = record[spec.key] ?? result.insertId;
  return selectByKey(context, spec, entity, key as string | number, signal);
}
