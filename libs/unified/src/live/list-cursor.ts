import { ProblemException } from '@trestle/core';

/** Position in a listing that spans the tenant's connections one after another. */
export interface ListPosition {
  /** Index into the ordered connection ids the listing covers. */
  connection: number;
  /** The adapter's own cursor inside that connection. */
  cursor?: string;
}

export function encodeListCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.connection, position.cursor ?? null])).toString('base64url');
}

export function decodeListCursor(cursor: string | undefined): ListPosition {
  if (!cursor) return { connection: 0 };
  try {
    const [connection, inner] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (
      typeof connection === 'number' &&
      Number.isInteger(connection) &&
      connection >= 0 &&
      (inner === null || typeof inner === 'string')
    ) {
      return { connection, cursor: inner ?? undefined };
    }
  } catch {
    // reported below
  }
  throw ProblemException.validation([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
}
