import { AdapterError } from '@trestle/adapter-sdk';

/** Where a listing stands, kept inside the opaque cursor handed to callers. */
export interface ListPosition {
  /** Entity the cursor belongs to. */
  entity: string;
  /** The system's own cursor (cursor paging). */
  cursor?: string;
  /** Next page number (page paging). */
  page?: number;
  /** Next offset (offset paging). */
  offset?: number;
  /** Page size the page numbers count in (page paging). */
  size?: number;
  /** Watermark and filters of the listing, so a resumed listing keeps them. */
  since?: string;
  filter?: Record<string, string | number | boolean>;
}

/** Encodes a position as an opaque, URL-safe cursor. */
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes a cursor from encodeCursor; AdapterError('rejected') for anything else or another entity's cursor. */
export function decodeCursor(cursor: string, entity: string): ListPosition {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  if (!isPosition(position) || position.entity !== entity) {
    throw new AdapterError('rejected', `the cursor was not issued for a listing of '${entity}'`, { retryable: false });
  }
  return position;
}

function isPosition(value: unknown): value is ListPosition {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const position = value as Record<string, unknown>;
  const optional = (key: string, type: string) => position[key] === undefined || typeof position[key] === type;
  return (
    typeof position.entity === 'string' &&
    optional('cursor', 'string') &&
    optional('page', 'number') &&
    optional('offset', 'number') &&
    optional('size', 'number') &&
    optional('since', 'string') &&
    (position.filter === undefined || (typeof position.filter === 'object' && position.filter !== null))
  );
}
