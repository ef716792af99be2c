import { AdapterError, type CallOptions, type SourceRecord } from '@trestle/adapter-sdk';
import { SqlStatement } from '../query/sql-statement';
import { callSignal, operationFor, type SqlOperationContext } from '../sql-operation-context';
import { selectByKey } from './get';
import { writableTable, writeColumns } from './write-columns';

/** UPDATEs the columns of `patch` on the row with that key and returns the row; AdapterError('not_found') when none matched. */
export async function updateRecord(
  context: SqlOperationContext,
  entity: string,
  sourceId: string,
  patch: SourceRecord,
  options: CallOptions = {},
): Promise<SourceRecord> {
  const spec = writableTable(operationFor(context, entity, 'update'), entity);
  const statement = new SqlStatement(context.driver.grammar);
  const assignments = writeColumns(spec, patch)
    .map(([name, value]) => `${statement.id(name)} = ${statement.bind(value)}`)
    .join(', ');
  statement.sql(`UPDATE ${statement.id(spec.table, true)} SET ${assignments}`);
  const conditions = [
    `${statement.grammar.trimsCharKeys ? `RTRIM(${statement.id(spec.key)})` : statement.id(spec.key)} = ${statement.bind(sourceId)}`,
    ...Object.entries(spec.where ?? {}).map(([name, value]) =>
      value === null ? `${statement.id(name)} IS NULL` : `${statement.id(name)} = ${statement.bind(value)}`,
    ),
  ];
  statement.sql(` WHERE ${conditions.join(' AND ')}`);
  const signal = callSignal(context, options.signal);
  const result = await context.driver.query(statement.text, statement.params, signal);
  if (result.affectedRows === 0) {
    throw new AdapterError('not_found', `no ${entity} with that key`, { details: { entity, sourceId } });
  }
  const key = typeof patch[spec.key] === 'string' || typeof patch[spec.key] === 'number' ? patch[spec.key] : sourceId;
  return selectByKey(context, spec, entity, key as string | number, signal);
}
