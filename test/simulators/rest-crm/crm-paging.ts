import { CrmRequestError } from './crm-validation';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

export interface PageQuery {
  limit?: string;
  cursor?: string;
  updated_since?: string;
}

const encodeCursor = (lastId: string): string => Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');

function decodeCursor(cursor: string): string {
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof after === 'string') return after;
  } catch {
    // reported below
  }
  throw new CrmRequestError(400, 'invalid_request', 'cursor is not a cursor this API issued');
}

/** Keyset paging by id: `{ data, next_cursor }`, next_cursor null on the last page; `updated_since` keeps updated_at >= it. */
export function pageOf<R extends { updated_at: string }>(
  records: Iterable<R>,
  idOf: (record: R) => string,
  query: PageQuery,
): { data: R[]; next_cursor: string | null } {
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new CrmRequestError(400, 'invalid_request', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  const since = query.updated_since === undefined ? undefined : Date.parse(query.updated_since);
  if (since !== undefined && Number.isNaN(since)) {
    throw new CrmRequestError(400, 'invalid_request', 'updated_since must be an ISO 8601 timestamp');
  }
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const matching = [...records]
    .filter((record) => since === undefined || Date.parse(record.updated_at) >= since)
    .filter((record) => after === undefined || idOf(record) > after)
    .sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1));
  const data = matching.slice(0, limit);
  const hasMore = matching.length > limit;
  return { data, next_cursor: hasMore ? encodeCursor(idOf(data[data.length - 1])) : null };
}
