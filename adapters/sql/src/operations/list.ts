import { AdapterError, type ListQuery, type Page } from '@trestle/adapter-sdk';
import { decodeKeysetCursor, encodeKeysetCursor } from '../query/keyset-cursor';
import { keyOf, selectFrom, whereClause } from '../query/select-builder';
import { limitClause } from '../query/sql-statement';
import { watermarkValue } from '../query/watermark';
import { IDENTIFIER, isTableOperation, type SqlOperation } from '../sql-operation-spec';
import { callSignal, operationFor, type SqlOperationContext } from '../sql-operation-context';

/**
 * Streams an entity page by page with keyset paging: `WHERE key > <last key> ORDER BY key LIMIT
 * n+1` (the extra row says whether another page follows), never loading the table whole. The
 * cursor is the page's last key. `modifiedSince` compares the incremental column with the
 * watermark in the spec's format; `filter` adds bound equality conditions on source columns.
 * With `paging: { style: none }` one page is returned, and more than maxPageSize rows is an error.
 */
export async function* listRecords(
  context: SqlOperationContext,
  entity: string,
  query: ListQuery,
): AsyncGenerator<Page> {
  const spec = operationFor(context, entity, 'list');
  const pageSize = pageSizeOf(context, spec, query.pageSize);
  const equal = { ...(isTableOperation(spec) ? spec.where : {}), ...checkedFilter(spec, query.filter) };
  const atLeast = incrementalCondition(context, spec, query.modifiedSince);
  if (spec.paging?.style === 'none') {
    yield await singlePage(context, spec, { equal, atLeast }, query.signal);
    return;
  }
  const key = keyOf(spec, `listing '${entity}'`);
  let after = query.cursor === undefined ? undefined : decodeKeysetCursor(query.cursor);
  for (;;) {
    const { statement, column } = selectFrom(context.driver.grammar, spec);
    whereClause(statement, column, {
      equal,
      atLeast,
      after: after === undefined ? undefined : { column: key, value: after },
      orderBy: key,
    });
    statement.sql(limitClause(pageSize + 1));
    const started = performance.now();
    const { rows } = await context.driver.query(statement.text, statement.params, callSignal(context, query.signal));
    const more = rows.length > pageSize;
    const records = more ? rows.slice(0, pageSize) : rows;
    context.logger.debug('sql list page', {
      entity,
      rows: records.length,
      ms: Math.round(performance.now() - started),
    });
    if (!more) {
      yield { records };
      return;
    }
    after = keyValue(records[records.length - 1][key], key);
    yield { records, nextCursor: encodeKeysetCursor(after) };
  }
}

async function singlePage(
  context: SqlOperationContext,
  spec: SqlOperation,
  conditions: Parameters<typeof whereClause>[2],
  signal?: AbortSignal,
): Promise<Page> {
  const { statement, column } = selectFrom(context.driver.grammar, spec);
  whereClause(statement, column, conditions);
  const max = context.settings.maxPageSize ?? 5000;
  statement.sql(limitClause(max + 1));
  const { rows } = await context.driver.query(statement.text, statement.params, callSignal(context, signal));
  if (rows.length > max) {
    throw new AdapterError('invalid_response', `an unpaged listing returned more than ${max} rows; use keyset paging`);
  }
  return { records: rows };
}

function pageSizeOf(context: SqlOperationContext, spec: SqlOperation, requested?: number): number {
  const wanted = requested ?? (spec.paging && 'pageSize' in spec.paging ? spec.paging.pageSize : undefined);
  const size = wanted ?? context.settings.defaultPageSize ?? 500;
  return Math.max(1, Math.min(Math.floor(size), context.settings.maxPageSize ?? 5000));
}

function checkedFilter(spec: SqlOperation, filter: ListQuery['filter']): Record<string, string | number | boolean> {
  for (const name of Object.keys(filter ?? {})) {
    const allowed = IDENTIFIER.test(name) && (!isTableOperation(spec) || !spec.columns || spec.columns.includes(name));
    if (!allowed)
      throw new AdapterError('rejected', `cannot filter on '${name.slice(0, 64)}'`, {
        details: { filter: name.slice(0, 64) },
      });
  }
  return filter ?? {};
}

function incrementalCondition(context: SqlOperationContext, spec: SqlOperation, modifiedSince?: string) {
  if (modifiedSince === undefined) return undefined;
  if (!spec.incremental) {
    throw new AdapterError('unsupported', 'this listing has no incremental column (operation spec `incremental`)');
  }
  return {
    column: spec.incremental.param,
    value: watermarkValue(modifiedSince, spec.incremental, context.driver.grammar),
  };
}

function keyValue(value: unknown, key: string): string | number {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  if (typeof value === 'bigint') return value.toString();
  throw new AdapterError('invalid_response', `key column '${key}' is missing or not a string or number`);
}
