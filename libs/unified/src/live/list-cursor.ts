import { decodeCursor, encodeCursor, invalidCursor } from '@trestle/core';

/** Position in a listing that spans the tenant's connections one after another. */
export interface ListPosition {
  /** Index into the ordered connection ids the listing covers. */
  connection: number;
  /** The adapter's own cursor inside that connection. */
  cursor?: string;
}

export function encodeListCursor(position: ListPosition): string {
  return encodeCursor([position.connection, position.cursor ?? null]);
}

export function decodeListCursor(cursor: string | undefined): ListPosition {
  if (!cursor) return { connection: 0 };
  const [connection, inner] = decodeCursor(cursor);
  if (
    typeof connection === 'number' &&
    Number.isInteger(connection) &&
    connection >= 0 &&
    (inner === null || typeof inner === 'string')
  ) {
    return { connection, cursor: inner ?? undefined };
  }
  throw invalidCursor();
}
