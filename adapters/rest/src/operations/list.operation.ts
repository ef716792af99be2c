import { AdapterError, type ListQuery, type Page, readPath, type SourceRecord } from '@trestle/adapter-sdk';
import type { RestOperationSpec } from '../rest-operation-spec';
import type { RestRuntime } from '../rest-runtime';
import { DEFAULT_MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '../rest-settings';
import { withCallScope } from '../transport/call-scope';
import { decodeCursor, encodeCursor, type ListPosition } from './list-cursor';
import { atPath, operationOf } from './operation-binding';
import { fillPath } from './path-template';
import { formatWatermark } from './watermark-format';

/** Empty pages in a row (after local filtering) skipped before the listing counts as broken. */
const MAX_EMPTY_PAGES_SKIPPED = 1_000;

type Filter = Record<string, string | number | boolean>;

/**
 * Lists an entity page by page. Each page is one call bounded by the connection's timeout. The
 * cursor handed out is opaque: it wraps the system's cursor, page number or offset together with
 * the listing's watermark and filters. Filters the operation does not declare, and a watermark the
 * operation cannot send (when the binding names `modifiedAt`), are applied to the records locally;
 * pages emptied that way are skipped, never yielded before the last.
 */
export async function* listRecords(runtime: RestRuntime, entity: string, query: ListQuery = {}): AsyncGenerator<Page> {
  const { binding, spec } = operationOf(runtime, entity, 'list');
  if (query.signal?.aborted)
    throw new AdapterError('timeout', `list ${entity} was aborted by the caller`, { retryable: false });
  const resumed = query.cursor ? decodeCursor(query.cursor, entity) : undefined;
  const since = query.modifiedSince ?? resumed?.since;
  const filter = query.filter ?? resumed?.filter;
  const size = resumed?.size ?? pageSizeOf(runtime, spec, query.pageSize);
  const fixedQuery: Filter = { ...spec.query };
  const localFilter: Filter = {};
  for (const [field, value] of Object.entries(filter ?? {})) {
    if (spec.filters?.[field]) fixedQuery[spec.filters[field]] = value;
    else localFilter[field] = value;
  }
  let localSince: number | undefined;
  if (since !== undefined) {
    if (spec.incremental) fixedQuery[spec.incremental.param] = formatWatermark(since, spec.incremental.format);
    else if (binding.modifiedAt) localSince = Date.parse(formatWatermark(since, 'iso'));
    else throw new AdapterError('unsupported', `list ${entity} cannot narrow by modifiedSince`, { retryable: false });
  }
  const base: ListPosition = { entity, since, filter };
  let position: ListPosition = resumed ?? { ...base, ...firstPosition(spec, size) };
  const keep = (record: SourceRecord) =>
    Object.entries(localFilter).every(([field, value]) => String(readPath(record, field)) === String(value)) &&
    (localSince === undefined || !modifiedBefore(readPath(record, binding.modifiedAt!), localSince));
  const what = `list ${entity}`;
  let skipped = 0;
  for (;;) {
    const body = await withCallScope(runtime.limits.timeoutMs, query.signal, async (scope) => {
      const pageQuery = { ...fixedQuery, ...pagingQuery(spec, position, size) };
      const path = fillPath(spec.path, {}, what);
      return (
        await runtime.client.call(
          { method: spec.method ?? 'GET', path, query: pageQuery, format: spec.body ?? 'json' },
          scope,
          what,
        )
      ).body;
    });
    const records = recordsOf(body, spec.records, what);
    const next = nextPosition(spec, position, size, records, body, what);
    const kept = records.filter(keep);
    if (kept.length === 0 && next && ++skipped <= MAX_EMPTY_PAGES_SKIPPED) {
      position = { ...base, ...next, entity };
      continue;
    }
    skipped = 0;
    yield { records: kept, nextCursor: next ? encodeCursor({ ...base, ...next }) : undefined };
    if (!next) return;
    position = { ...base, ...next };
  }
}

function pageSizeOf(runtime: RestRuntime, spec: RestOperationSpec, requested?: number): number {
  const max = runtime.settings.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
  const wanted =
    requested ??
    (spec.paging && 'pageSize' in spec.paging ? spec.paging.pageSize : undefined) ??
    runtime.settings.defaultPageSize ??
    DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(max, Math.floor(wanted)));
}

function firstPosition(spec: RestOperationSpec, size: number): Partial<ListPosition> {
  switch (spec.paging?.style) {
    case 'page':
      return { page: spec.paging.firstPage ?? 1, size };
    case 'offset':
      return { offset: 0 };
    default:
      return {};
  }
}

function pagingQuery(spec: RestOperationSpec, position: ListPosition, size: number): Filter {
  const paging = spec.paging;
  switch (paging?.style) {
    case 'cursor': {
      const query: Filter = paging.limitParam ? { [paging.limitParam]: size } : {};
      if (position.cursor !== undefined) query[paging.cursorParam] = position.cursor;
      return query;
    }
    case 'page':
      return { [paging.pageParam]: position.page ?? paging.firstPage ?? 1, [paging.sizeParam]: size };
    case 'offset':
      return { [paging.offsetParam]: position.offset ?? 0, [paging.limitParam]: size };
    default:
      return {};
  }
}

function nextPosition(
  spec: RestOperationSpec,
  position: ListPosition,
  size: number,
  records: SourceRecord[],
  body: unknown,
  what: string,
): Partial<ListPosition> | undefined {
  const paging = spec.paging;
  switch (paging?.style) {
    case 'cursor': {
      const next = atPath(body, paging.nextCursorPath);
      if (next === undefined || next === null || next === '' || next === false) return undefined;
      if (typeof next !== 'string' && typeof next !== 'number') {
        throw new AdapterError('invalid_response', `${what}: the next cursor is not a string`, { retryable: false });
      }
      if (String(next) === position.cursor) {
        throw new AdapterError('invalid_response', `${what}: the system returned the same cursor again`, {
          retryable: false,
        });
      }
      return { cursor: String(next) };
    }
    case 'page': {
      const page = position.page ?? paging.firstPage ?? 1;
      const more = paging.hasMorePath
        ? atPath(body, paging.hasMorePath) === true || atPath(body, paging.hasMorePath) === 'true'
        : paging.totalPagesPath
          ? page - (paging.firstPage ?? 1) + 1 < Number(atPath(body, paging.totalPagesPath))
          : records.length >= size;
      return more && records.length > 0 ? { page: page + 1, size } : undefined;
    }
    case 'offset':
      return records.length >= size ? { offset: (position.offset ?? 0) + records.length } : undefined;
    default:
      return undefined;
  }
}

/**
 * The record array at `path`: null or an empty element reads as no records, a single object (one
 * XML element) as one record; a path the response lacks is an invalid response.
 */
function recordsOf(body: unknown, path: string | undefined, what: string): SourceRecord[] {
  if (body === undefined) return [];
  if (!path && !Array.isArray(body)) {
    throw new AdapterError('invalid_response', `${what}: the response is not a record list`, { retryable: false });
  }
  const found = atPath(body, path);
  if (found === undefined) {
    const parent = path?.includes('.') ? atPath(body, path.slice(0, path.lastIndexOf('.'))) : body;
    if (parent === '' || parent === null) return [];
    throw new AdapterError('invalid_response', `${what}: the response has no records at '${path ?? ''}'`, {
      retryable: false,
    });
  }
  if (found === null || found === '') return [];
  const list = Array.isArray(found) ? found : [found];
  if (!list.every((record) => record !== null && typeof record === 'object' && !Array.isArray(record))) {
    throw new AdapterError('invalid_response', `${what}: the record list holds something other than records`, {
      retryable: false,
    });
  }
  return list as SourceRecord[];
}

function modifiedBefore(value: unknown, since: number): boolean {
  const at =
    typeof value === 'number'
      ? value < 1e11
        ? value * 1000
        : value
      : typeof value === 'string'
        ? /^\d+$/.test(value)
          ? Number(value) * (value.length <= 11 ? 1000 : 1)
          : Date.parse(value)
        : NaN;
  return !Number.isNaN(at) && at < since;
}
