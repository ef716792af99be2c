import type { AdapterConnection, ListQuery, Page, SourceRecord } from '../adapter';
import { AdapterError, type AdapterErrorCode } from '../adapter-error';
import { readPath } from '../mapping/source-path';

/** Every AdapterErrorCode; an adapter error with any other code breaks the contract. */
export const ADAPTER_ERROR_CODES: readonly AdapterErrorCode[] = [
  'unreachable',
  'timeout',
  'auth',
  'not_found',
  'invalid_response',
  'rejected',
  'unsupported',
  'rate_limited',
];

/** A broken promise of the adapter contract, with what was expected and what happened. */
export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/** Reads a record's source id as a string, via a dotted path or a function. */
export function sourceIdOf(record: SourceRecord, idOf: string | ((record: SourceRecord) => unknown)): string {
  const id = typeof idOf === 'function' ? idOf(record) : readPath(record, idOf);
  if (id === undefined || id === null || id === '') {
    throw new ContractViolation(`a listed record has no source id at ${typeof idOf === 'string' ? idOf : 'idOf()'}`);
  }
  return String(id);
}

/** Iterates a listing to its end, failing if it yields more than maxPages pages. */
export async function listPages(
  connection: AdapterConnection,
  entity: string,
  query: ListQuery,
  maxPages: number,
): Promise<Page[]> {
  const pages: Page[] = [];
  for await (const page of connection.list(entity, query)) {
    pages.push(page);
    if (pages.length > maxPages) throw new ContractViolation(`list('${entity}') yielded more than ${maxPages} pages`);
  }
  return pages;
}

/** Only the first page of a listing (the iterator is closed right after it). */
export async function firstPage(connection: AdapterConnection, entity: string, query: ListQuery): Promise<Page> {
  for await (const page of connection.list(entity, query)) return page;
  throw new ContractViolation(`list('${entity}') yielded no page at all (an empty listing yields one empty page)`);
}

/** Pages are non-empty until the last; every page but the last carries a nextCursor, the last none. */
export function checkPageShape(pages: readonly Page[]): void {
  if (pages.length === 0) throw new ContractViolation('the listing yielded no page');
  pages.forEach((page, index) => {
    const last = index === pages.length - 1;
    if (!Array.isArray(page.records)) throw new ContractViolation(`page ${index} has no records array`);
    if (!last && page.records.length === 0) throw new ContractViolation(`page ${index} is empty but is not the last`);
    if (!last && typeof page.nextCursor !== 'string') {
      throw new ContractViolation(`page ${index} is followed by another page but has no nextCursor`);
    }
    if (last && page.nextCursor !== undefined) {
      throw new ContractViolation(`the last page (${index}) still has a nextCursor`);
    }
  });
}

/** Source ids of all records of all pages, failing on a duplicate. */
export function uniqueIds(pages: readonly Page[], idOf: string | ((record: SourceRecord) => unknown)): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const page of pages) {
    for (const record of page.records) {
      const id = sourceIdOf(record, idOf);
      if (seen.has(id)) throw new ContractViolation(`source id '${id}' was listed twice`);
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/** Same ids, none missing, none extra (order ignored). */
export function checkSameIds(expected: readonly string[], actual: readonly string[], what: string): void {
  const want = new Set(expected);
  const got = new Set(actual);
  const missing = expected.filter((id) => !got.has(id));
  const extra = actual.filter((id) => !want.has(id));
  if (missing.length > 0 || extra.length > 0 || expected.length !== actual.length) {
    throw new ContractViolation(
      `${what}: ${missing.length} missing (${missing.slice(0, 5).join(', ')}), ${extra.length} extra ` +
        `(${extra.slice(0, 5).join(', ')}), ${actual.length} listed vs ${expected.length} expected`,
    );
  }
}

/**
 * For each page that has a nextCursor, a fresh listing started from that cursor must begin with
 * exactly the records of the page that followed it.
 */
export async function checkCursorsResume(
  connection: AdapterConnection,
  entity: string,
  pages: readonly Page[],
  pageSize: number,
  idOf: string | ((record: SourceRecord) => unknown),
): Promise<void> {
  for (let index = 0; index < pages.length - 1; index++) {
    const cursor = pages[index].nextCursor;
    if (cursor === undefined) continue;
    const resumed = await firstPage(connection, entity, { cursor, pageSize });
    const want = pages[index + 1].records.map((record) => sourceIdOf(record, idOf));
    const got = resumed.records.map((record) => sourceIdOf(record, idOf));
    if (want.join('\u0000') !== got.join('\u0000')) {
      throw new ContractViolation(
        `the cursor of page ${index} resumed with [${got.slice(0, 5).join(', ')}...] instead of page ${index + 1} ` +
          `[${want.slice(0, 5).join(', ')}...]`,
      );
    }
  }
}

/** Walks the listing one call per page, each started from the previous page's cursor. */
export async function walkByCursor(
  connection: AdapterConnection,
  entity: string,
  pageSize: number,
  maxPages: number,
): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const page = await firstPage(connection, entity, { cursor, pageSize });
    pages.push(page);
    if (pages.length > maxPages) throw new ContractViolation(`walking by cursor took more than ${maxPages} pages`);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return pages;
}

/** Runs a call that must fail and returns what it threw, failing if it resolved. */
export async function rejection(call: () => Promise<unknown>, what: string): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new ContractViolation(`${what} resolved but should have failed`);
}

/** The thrown value is an AdapterError with a known code (and the expected one, when given). */
export function checkAdapterError(error: unknown, what: string, expectedCode?: AdapterErrorCode): AdapterError {
  if (!AdapterError.is(error)) {
    const shown = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ContractViolation(`${what} threw something other than an AdapterError (${shown})`);
  }
  if (!ADAPTER_ERROR_CODES.includes(error.code)) {
    throw new ContractViolation(`${what} threw an AdapterError with unknown code '${error.code}'`);
  }
  if (expectedCode !== undefined && error.code !== expectedCode) {
    throw new ContractViolation(
      `${what} threw AdapterError '${error.code}' instead of '${expectedCode}' (${error.message})`,
    );
  }
  return error;
}
