export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface AdapterKind {
  kind: string;
  displayName?: string;
  description?: string;
  settingsSchema: JsonSchemaObject;
  credentialsSchema?: JsonSchemaObject;
}

export interface JsonSchemaObject {
  required?: string[];
  properties?: Record<string, { type?: string; enum?: unknown[]; description?: string }>;
}

export interface Connection {
  id: string;
  name: string;
  adapter: string;
  definition: { name: string; version: string; entities: string[]; passthrough: string[] };
  settings: Record<string, unknown>;
  credentialsSet: string[];
  breaker: BreakerState;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ConnectionTest {
  ok: boolean;
  latencyMs: number;
  details?: Record<string, unknown>;
  error?: { code: string; message: string };
}

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  tenantId: string;
  actor: string;
  action: string;
  resource: string;
  connectionId: string | null;
  requestId: string | null;
  outcome: 'success' | 'failure';
  status: string | null;
  durationMs: number | null;
  requestHash: string | null;
  responseHash: string | null;
  details: Record<string, unknown> | null;
  bodies: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

export interface AuditEventPage {
  data: AuditEvent[];
  cursor: string | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstSeq: number | null;
  lastSeq: number | null;
  failure?: { seq: number; problem: string; detail: string };
}

/** A sync run as the pipeline reports it. */
export interface SyncRun {
  id: string;
  connectionId: string;
  entity: string;
  mode: string;
  status: string;
  triggeredBy?: string;
  /** Counters: pages, recordsRead, written, unchanged, rejected, pagesNormalized. */
  progress: Record<string, number>;
  error?: { code: string; message: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Data-quality figures of one entity from one connection (GET /v1/pipeline/quality). */
export interface QualityFigures {
  connectionId: string;
  entity: string;
  recordsRead: number;
  written: number;
  unchanged: number;
  rejected: number;
  rejectedRate: number;
  duplicates: number;
  missingRequired: Record<string, number>;
  lastRunId: string | null;
  updatedAt: string;
}

export interface DeadLetter {
  id: string;
  connectionId: string;
  entity: string;
  sourceId: string | null;
  syncRunId: string | null;
  stage: string;
  reason: string;
  errors: { field: string; message: string }[];
  status: string;
  occurrences: number;
  createdAt: string;
  /** Only in the detail answer: the source record as read. */
  raw?: Record<string, unknown>;
}

export interface ReplayResult {
  outcome: 'stored' | 'rejected';
  deadLetter: DeadLetter;
}

/** A list answered either as a bare array or as a `{ data, cursor }` page. */
export type Listing<T> = T[] | { data: T[]; cursor?: string | null };

export function itemsOf<T>(listing: Listing<T>): T[] {
  return Array.isArray(listing) ? listing : (listing.data ?? []);
}

export const TERMINAL_SYNC_STATES = ['succeeded', 'completed', 'done', 'failed', 'cancelled', 'canceled'];
