import { AdapterError, type CallOptions, type SourceRecord } from '@trestle/adapter-sdk';
import { keyOf, selectFrom, whereClause } from '../query/select-builder';
import { limitClause } from '../query/sql-statement';
import { isTableOperation, type SqlOperation } from '../sql-operation-spec';
import { callSignal, operationFor, type SqlOperationContext } from '../sql-operation-context';

/** Reads one record by its key (the `get` operation, else the `list` one); AdapterError('not_found') when absent. */
export async function getRecord(
  context: SqlOperationContext,
  entity: string,
  sourceId: string,
  options: CallOptions = {},
): Promise<SourceRecord> {
  return selectByKey(context, operationFor(context, entity, 'get', 'list'), entity, sourceId, options.signal);
}

/** SELECT ... WHERE key = ? (plus the spec's fixed conditions). */
export async function selectByKey(
  context: SqlOperationContext,
  spec: SqlOperation,
  entity: string,
  sourceId: string | number,
  signal?: AbortSignal,
): Promise<SourceRecord> {
  const { statement, column } = selectFrom(context.driver.grammar, spec);
  whereClause(statement, column, {
    equal: isTableOperation(spec) ? spec.where : undefined,
    key: { column: keyOf(spec, `reading '${entity}' by key`), value: sourceId },
  });
  statement.sql(limitClause(1));
  const { rows } = await context.driver.query(statement.text, statement.params, callSignal(context, signal));
  if (rows.length === 0) {
    throw new AdapterError('not_found', `no ${entity} with that key`, {
      details: { entity, sourceId: String(sourceId) },
    });
  }
  return rows[0];
}
