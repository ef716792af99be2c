import type { AdapterConnection, SourceRecord } from '../adapter';
import type { AdapterErrorCode } from '../adapter-error';
import type { CapturedLogger } from './capture-logger';

/** A value, or a function giving it once the suite runs (after the author's beforeAll hooks). */
export type Lazy<T> = T | (() => T);

/** Options of runAdapterContractTests. Values that depend on a started simulator may be lazy. */
export interface AdapterContractOptions {
  /** Title of the describe block, e.g. `sql adapter on PostgreSQL`. */
  name: string;
  /** Opens a working connection (called in the kit's beforeAll, after the author's own hooks). */
  connect: () => Promise<AdapterConnection>;
  /** The logger the connections were given (see captureLogger); scanned for secrets. */
  logger: CapturedLogger;
  /** Strings that must never appear in any thrown error or log call: passwords, tokens, keys. */
  secrets: Lazy<readonly string[]>;
  list: {
    /** Canonical entity name to list, e.g. `customer`. */
    entity: string;
    /** At least this many records exist. */
    minRecords: number;
    /** Where a record's source id is: a dotted path (as in EntityBinding.sourceId) or a function. */
    idOf: string | ((record: SourceRecord) => unknown);
    /** Page size used for the paging checks; defaults to a third of minRecords (at least 1). */
    pageSize?: number;
    /** Upper bound of pages before the listing counts as endless; default 10 000. */
    maxPages?: number;
    /** Set false for a system that ignores pageSize; otherwise the small-page listing must yield 2+ pages. */
    honoursPageSize?: boolean;
  };
  /** Incremental listing: listing with `modifiedSince: since` must return fewer records, all modified since then. */
  modifiedSince?: {
    since: Lazy<string>;
    /** Whether a listed record counts as modified at or after `since`; when given, every record must pass. */
    isModifiedSince?: (record: SourceRecord) => boolean;
  };
  get: {
    /** Entity to get from; defaults to list.entity. */
    entity?: string;
    existingSourceId: Lazy<string>;
    missingSourceId: Lazy<string>;
  };
  /** A record to create; the created record must be readable with get afterwards. */
  create?: {
    entity?: string;
    record: Lazy<SourceRecord>;
  };
  /** A connection that must fail (wrong credentials, unreachable endpoint) and the code it must fail with. */
  failing?: {
    connect: () => Promise<AdapterConnection>;
    expectedCode: AdapterErrorCode;
  };
  /**
   * A call that takes long unless aborted (a slow query, a slow simulator). It is aborted after
   * `abortAfterMs` (default 100) and must reject within `withinMs` (default 1000) of the abort.
   */
  slowCall?: {
    run: (connection: AdapterConnection, signal: AbortSignal) => Promise<unknown>;
    abortAfterMs?: number;
    withinMs?: number;
  };
  /** Jest timeout for each test; default 30 000 ms. */
  testTimeoutMs?: number;
}

/** Resolves a Lazy value. */
export function resolveLazy<T>(value: Lazy<T>): T {
  return typeof value === 'function' ? (value as () => T)() : value;
}
