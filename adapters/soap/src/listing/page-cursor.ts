import { AdapterError } from '@trestle/adapter-sdk';

/** Where the next page starts: a page number, an offset, or the system's own cursor. */
export type PagePosition =
  { style: 'page'; page: number } | { style: 'offset'; offset: number } | { style: 'cursor'; token: string };

/** Encodes a position as an opaque, URL-safe token. */
export function encodeCursor(position: PagePosition): string {
  const value =
    position.style === 'page' ? position.page : position.style === 'offset' ? position.offset : position.token;
  return Buffer.from(JSON.stringify({ v: 1, s: position.style, p: value })).toString('base64url');
}

/** Decodes a token made by encodeCursor for the same paging style; anything else is 'rejected'. */
export function decodeCursor(cursor: string, style: PagePosition['style']): PagePosition {
  let parsed: { v?: unknown; s?: unknown; p?: unknown } | undefined;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    parsed = undefined;
  }
  const value = parsed?.p;
  if (parsed?.v === 1 && parsed.s === style) {
    if (style === 'cursor' && typeof value === 'string') return { style, token: value };
    if (style === 'page' && Number.isSafeInteger(value) && (value as number) >= 0)
      return { style, page: value as number };
    if (style === 'offset' && Number.isSafeInteger(value) && (value as number) >= 0) {
      return { style, offset: value as number };
    }
  }
  throw new AdapterError('rejected', 'the cursor is not one this listing issued', { details: { paging: style } });
}
