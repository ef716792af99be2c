/** What a caller hands the audit writer; sequence, time and hashes are added when it is chained. */
export interface AuditEventInput {
  tenantId: string;
  /** `api-key:<id>`, `user:<sub>`, `system:<component>`; never a secret. */
  actor: string;
  /** What happened, e.g. `POST /v1/connections`, `adapter.get`, `inference.decision`. */
  action: string;
  resource: string;
  connectionId?: string;
  requestId?: string;
  outcome: 'success' | 'failure';
  status?: string | number;
  durationMs?: number;
  requestHash?: string;
  responseHash?: string;
  details?: Record<string, unknown>;
  bodies?: { request?: unknown; response?: unknown };
  /** Defaults to now. */
  occurredAt?: Date;
}
