import { decodeCursor, encodeCursor, invalidCursor } from './opaque-cursor';

/** Where a newest-first listing ordered by (createdAt, id) stopped. */
export interface CreatedAtPosition {
  createdAt: string;
  id: string;
}

export function decodeCreatedAtCursor(cursor: string | undefined): CreatedAtPosition | undefined {
  if (!cursor) return undefined;
  const [createdAt, id] = decodeCursor(cursor);
  if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  throw invalidCursor();
}

/**
 * One page from `rows`, fetched with `limit + 1` so that a further row means a further page; the
 * cursor points after the last row shown.
 */
export function createdAtPage<Row extends CreatedAtPosition, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
): { data: Item[]; cursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    data: shown.map(toItem),
    cursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}
