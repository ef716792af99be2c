import { AdapterError } from '@trestle/adapter-sdk';

/** An opaque cursor holding the last key of a page: base64url of `{"k": <key>}`. */
export function encodeKeysetCursor(lastKey: unknown): string {
  const key = typeof lastKey === 'bigint' ? lastKey.toString() : lastKey;
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

/** The last key inside a cursor; AdapterError('rejected') for anything that is not one of ours. */
export function decodeKeysetCursor(cursor: string): string | number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k === 'string' || (typeof parsed.k === 'number' && Number.isFinite(parsed.k))) return parsed.k;
  } catch {
    // fall through: not a cursor of ours
  }
  throw new AdapterError('rejected', 'the cursor is not valid for this listing');
}
