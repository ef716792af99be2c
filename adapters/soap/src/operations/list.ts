import { AdapterError, type ListQuery, type Page, type PagingSpec } from '@trestle/adapter-sdk';
import { decodeCursor, encodeCursor, type PagePosition } from '../listing/page-cursor';
import { recordsAt, valueAt, withArg } from '../listing/result-path';
import { watermarkValue } from '../listing/watermark';
import type { SoapOperation } from '../soap-operation-spec';
import { callOperation, operationFor, type SoapOperationContext } from '../soap-operation-context';

/**
 * Lists an entity page by page through its list operation. Page and offset paging put the
 * position and size into the request; `hasMorePath` or `totalPagesPath` say whether more follows
 * (else a full page means more). Cursor paging sends the system's own token back. Each page's
 * nextCursor encodes where the next page starts, so a listing resumes exactly after it.
 */
export async function* listRecords(
  context: SoapOperationContext,
  entity: string,
  query: ListQuery,
): AsyncGenerator<Page> {
  const spec = operationFor(context, entity, 'list');
  const operation = spec.operation!;
  if (query.filter && Object.keys(query.filter).length > 0) {
    throw new AdapterError('unsupported', 'SOAP listings take no filters; put fixed arguments in the operation input', {
      details: { entity },
    });
  }
  const paging: PagingSpec = spec.paging ?? { style: 'none' };
  const size = pageSizeOf(context, paging, query.pageSize);
  let args = { ...spec.input };
  if (query.modifiedSince !== undefined) {
    if (!spec.incremental) {
      throw new AdapterError('unsupported', `listing '${entity}' has no incremental argument (spec 'incremental')`, {
        details: { entity },
      });
    }
    args = withArg(args, spec.incremental.param, watermarkValue(query.modifiedSince, spec.incremental));
  }
  if (paging.style === 'none' || paging.style === 'keyset') {
    if (paging.style === 'keyset') throw new AdapterError('unsupported', 'SOAP listings cannot use keyset paging');
    const result = await callOperation(context, operation, args, query.signal);
    yield { records: recordsAt(result, spec.records, operation) };
    return;
  }
  let position = query.cursor === undefined ? firstPosition(paging) : decodeCursor(query.cursor, paging.style);
  for (;;) {
    const result = await callOperation(context, operation, pagedArgs(args, paging, position, size), query.signal);
    const records = recordsAt(result, spec.records, operation);
    const next = records.length === 0 ? undefined : nextPosition(paging, position, result, records.length, size);
    if (next === undefined) {
      yield { records };
      return;
    }
    yield { records, nextCursor: encodeCursor(next) };
    position = next;
  }
}

type Paged = Exclude<PagingSpec, { style: 'none' } | { style: 'keyset' }>;

function pageSizeOf(context: SoapOperationContext, paging: PagingSpec, requested?: number): number {
  const { defaultPageSize = 100, maxPageSize = 1000 } = context.session.settings;
  const wanted = requested ?? ('pageSize' in paging ? paging.pageSize : undefined) ?? defaultPageSize;
  return Math.max(1, Math.min(Math.floor(wanted), maxPageSize));
}

function firstPosition(paging: Paged): PagePosition {
  if (paging.style === 'page') return { style: 'page', page: paging.firstPage ?? 1 };
  if (paging.style === 'offset') return { style: 'offset', offset: 0 };
  return { style: 'cursor', token: '' };
}

function pagedArgs(args: SoapOperation['input'], paging: Paged, position: PagePosition, size: number) {
  const base = args ?? {};
  switch (position.style) {
    case 'page': {
      const spec = paging as Extract<PagingSpec, { style: 'page' }>;
      return withArg(withArg(base, spec.pageParam, position.page), spec.sizeParam, size);
    }
    case 'offset': {
      const spec = paging as Extract<PagingSpec, { style: 'offset' }>;
      return withArg(withArg(base, spec.offsetParam, position.offset), spec.limitParam, size);
    }
    case 'cursor': {
      const spec = paging as Extract<PagingSpec, { style: 'cursor' }>;
      const withToken = position.token === '' ? base : withArg(base, spec.cursorParam, position.token);
      return spec.limitParam ? withArg(withToken, spec.limitParam, size) : withToken;
    }
  }
}

function nextPosition(
  paging: Paged,
  position: PagePosition,
  result: unknown,
  count: number,
  size: number,
): PagePosition | undefined {
  if (position.style === 'cursor') {
    const token = valueAt(result, (paging as Extract<PagingSpec, { style: 'cursor' }>).nextCursorPath);
    return typeof token === 'string' && token !== '' ? { style: 'cursor', token } : undefined;
  }
  if (position.style === 'offset')
    return count >= size ? { style: 'offset', offset: position.offset + count } : undefined;
  const spec = paging as Extract<PagingSpec, { style: 'page' }>;
  let more = count >= size;
  if (spec.hasMorePath) more = truthy(valueAt(result, spec.hasMorePath));
  else if (spec.totalPagesPath) {
    const total = Number(valueAt(result, spec.totalPagesPath));
    const pageIndex = position.page - (spec.firstPage ?? 1) + 1;
    more = Number.isFinite(total) && pageIndex < total;
  }
  return more ? { style: 'page', page: position.page + 1 } : undefined;
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === 'true' || value === '1';
}
