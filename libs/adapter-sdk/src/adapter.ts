import type { ConnectorDefinition } from './connector-definition';

/** A record exactly as the legacy system shaped it, before mapping. */
export type SourceRecord = Record<string, unknown>;

/** Minimal JSON Schema (draft 2020-12) object, as accepted by Ajv. */
export type JsonSchema = Record<string, unknown>;

export interface CallOptions {
  /** Aborting it must abort the underlying socket or query, not just stop waiting. */
  signal?: AbortSignal;
}

export interface ListQuery extends CallOptions {
  /** Resume token from a previous page's `nextCursor`; absent for the first page. */
  cursor?: string;
  /** Only records modified at or after this instant (ISO 8601 UTC), for incremental syncs. */
  modifiedSince?: string;
  /** Records per page; the adapter may cap it. */
  pageSize?: number;
  /** Equality filters on source fields the system can apply itself. */
  filter?: Record<string, string | number | boolean>;
}

export interface Page {
  records: SourceRecord[];
  /**
   * Opaque token that resumes the listing right after this page (pass it back as
   * `ListQuery.cursor`); undefined on the last page.
   */
  nextCursor?: string;
}

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  /** Safe facts such as the server's version; never credentials. */
  details?: Record<string, unknown>;
}

/**
 * A live connection to one legacy system. Every method throws only AdapterError, never lets a
 * credential into an error message or a log line, and honours `signal`.
 */
export interface AdapterConnection {
  check(options?: CallOptions): Promise<CheckResult>;
  /** Pages of source records; iteration ends after the last page. */
  list(entity: string, query?: ListQuery): AsyncIterable<Page>;
  /** Throws AdapterError('not_found') when the system has no such record. */
  get(entity: string, sourceId: string, options?: CallOptions): Promise<SourceRecord>;
  create(entity: string, record: SourceRecord, options?: CallOptions): Promise<SourceRecord>;
  update(entity: string, sourceId: string, patch: SourceRecord, options?: CallOptions): Promise<SourceRecord>;
  /** Runs one named raw operation declared in the definition's `passthrough` section. */
  passthrough(operation: string, args: Record<string, unknown>, options?: CallOptions): Promise<unknown>;
  close(): Promise<void>;
}

export interface AdapterLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AdapterLimits {
  /** Upper bound for one call, socket included. */
  timeoutMs: number;
  /** Responses larger than this fail with AdapterError('invalid_response'). */
  maxResponseBytes: number;
}

export interface AdapterContext<Settings = Record<string, unknown>> {
  /** Definition defaults merged with the connection's settings, validated against settingsSchema. */
  settings: Settings;
  /** Decrypted secrets (passwords, client secrets, tokens); must never be logged or echoed. */
  credentials: Record<string, string>;
  definition: ConnectorDefinition;
  logger: AdapterLogger;
  limits: AdapterLimits;
}

export interface AdapterDefinition<Settings = Record<string, unknown>> {
  /** Unique kind name referenced by connector definitions, e.g. `soap`. */
  kind: string;
  displayName?: string;
  description?: string;
  /** JSON Schema of the connection settings (endpoint, database, base URL, ...). */
  settingsSchema: JsonSchema;
  /** JSON Schema of the credentials; every property is treated as secret. */
  credentialsSchema?: JsonSchema;
  /** JSON Schema of one operation spec in a connector definition for this kind. */
  operationSchema?: JsonSchema;
  connect(context: AdapterContext<Settings>): Promise<AdapterConnection>;
}
