import { AdapterError, type ListQuery, type Page, type SourceRecord } from '@trestle/adapter-sdk';
import type { __Kind__OperationSpec } from '../__kind__-settings';
import type { __Kind__Client } from '../transport/__kind__-client';

interface ListAnswer {
  items: SourceRecord[];
  total: number;
}

/** Offset paging: each page's cursor is the offset of the next one, so a cursor resumes right after its page. */
export async function* list(
  client: __Kind__Client,
  spec: __Kind__OperationSpec,
  query: ListQuery,
  defaultPageSize = 100,
): AsyncIterable<Page> {
  const pageSize = query.pageSize ?? spec.pageSize ?? defaultPageSize;
  let offset = query.cursor ? decodeCursor(query.cursor) : 0;
  const since = query.modifiedSince && spec.incremental ? { [spec.incremental.param]: query.modifiedSince } : {};
  for (;;) {
    const answer = await client.request<ListAnswer>(spec.path, {
      query: { offset, limit: pageSize, ...since },
      signal: query.signal,
    });
    if (!Array.isArray(answer?.items)) throw new AdapterError('invalid_response', 'list answer without items');
    offset += answer.items.length;
    const more = answer.items.length > 0 && offset < answer.total;
    yield { records: answer.items, nextCursor: more ? encodeCursor(offset) : undefined };
    if (!more) return;
  }
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new AdapterError('rejected', 'not a cursor of this adapter');
  return Number(match[1]);
}
