import type { BodyFormat } from '../rest-operation-spec';
import { parseXml } from './xml-codec';

/** A body whose content type or text this adapter cannot read. */
export class UnreadableBodyError extends Error {
  override name = 'UnreadableBodyError';
}

/** The body format a Content-Type names; undefined for anything else (HTML, plain text, ...). */
export function formatOfContentType(contentType: string | undefined): BodyFormat | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return 'xml';
  return undefined;
}

/**
 * Parses a response body by its Content-Type (falling back to `expected` when the response names
 * none). An empty body reads as undefined. Throws UnreadableBodyError for another content type or
 * for text that does not parse.
 */
export function decodeBody(body: Buffer, contentType: string | undefined, expected: BodyFormat): unknown {
  if (body.length === 0) return undefined;
  const format = contentType ? formatOfContentType(contentType) : expected;
  if (!format) {
    throw new UnreadableBodyError(`unexpected content type '${(contentType ?? '').split(';')[0].trim()}'`);
  }
  const text = stripBom(body.toString('utf8'));
  if (format === 'xml') {
    try {
      return parseXml(text);
    } catch (error) {
      throw new UnreadableBodyError(`the XML body does not parse: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UnreadableBodyError('the JSON body does not parse');
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
