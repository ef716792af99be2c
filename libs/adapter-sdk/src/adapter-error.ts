/**
 * Why a call to a legacy system failed. Every adapter throws only AdapterError; the hub maps the
 * code onto HTTP (unreachable 502, timeout 504, auth 502, not_found 404, rejected 422, ...) once,
 * at the edge.
 */
export type AdapterErrorCode =
  'unreachable' | 'timeout' | 'auth' | 'not_found' | 'invalid_response' | 'rejected' | 'unsupported' | 'rate_limited';

const RETRYABLE: ReadonlySet<AdapterErrorCode> = new Set(['unreachable', 'timeout', 'rate_limited']);

export interface AdapterErrorOptions {
  /** Whether repeating the same idempotent call may succeed; defaults by code. */
  retryable?: boolean;
  /** Delay the legacy system asked for (e.g. HTTP 429 Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** Status the legacy system answered with, when it has one (HTTP status, SQL state, SOAP fault code). */
  upstreamStatus?: number | string;
  /** Safe, non-secret facts for logs and problem bodies (operation name, fault string). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class AdapterError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly upstreamStatus?: number | string;
  readonly details: Record<string, unknown>;

  constructor(
    readonly code: AdapterErrorCode,
    message: string,
    options: AdapterErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AdapterError';
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.retryAfterMs = options.retryAfterMs;
    this.upstreamStatus = options.upstreamStatus;
    this.details = options.details ?? {};
  }

  static is(error: unknown): error is AdapterError {
    return (
      error instanceof AdapterError || (error instanceof Error && error.name === 'AdapterError' && 'code' in error)
    );
  }
}
