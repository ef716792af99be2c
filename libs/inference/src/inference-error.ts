export const InferenceErrorCode = {
  ProviderUnreachable: 'provider_unreachable',
  ProviderTimeout: 'provider_timeout',
  ProviderUnavailable: 'provider_unavailable',
  ProviderRateLimited: 'provider_rate_limited',
  ProviderAuth: 'provider_auth',
  ProviderRejected: 'provider_rejected',
  InvalidResponse: 'invalid_response',
  InvalidInput: 'invalid_input',
  Overloaded: 'overloaded',
  Closed: 'closed',
} as const;

export type InferenceErrorCode = (typeof InferenceErrorCode)[keyof typeof InferenceErrorCode];

const RETRYABLE: ReadonlySet<InferenceErrorCode> = new Set([
  InferenceErrorCode.ProviderUnreachable,
  InferenceErrorCode.ProviderTimeout,
  InferenceErrorCode.ProviderUnavailable,
  InferenceErrorCode.ProviderRateLimited,
  InferenceErrorCode.Overloaded,
]);

export interface InferenceErrorOptions {
  model?: string;
  provider?: string;
  status?: number;
  attempts?: number;
  cause?: unknown;
}

/**
 * The one error inference raises. `retryable` failures were already retried with backoff by the time
 * they reach the caller (see `attempts`); the pipeline dead-letters the records they carry. Messages
 * never contain API keys, request bodies or credentials.
 */
export class InferenceError extends Error {
  readonly model?: string;
  readonly provider?: string;
  readonly status?: number;
  readonly attempts: number;

  constructor(
    readonly code: InferenceErrorCode,
    message: string,
    options: InferenceErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'InferenceError';
    this.model = options.model;
    this.provider = options.provider;
    this.status = options.status;
    this.attempts = options.attempts ?? 1;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }

  /**
   * The provider answered, but refused this batch (4xx, a malformed answer, an internal error 500):
   * possibly because of one of its inputs, so the batch is worth splitting to isolate it.
   */
  get inputSpecific(): boolean {
    return (
      this.code === InferenceErrorCode.ProviderRejected ||
      this.code === InferenceErrorCode.InvalidResponse ||
      (this.code === InferenceErrorCode.ProviderUnavailable && this.status === 500)
    );
  }

  static is(error: unknown): error is InferenceError {
    return error instanceof InferenceError;
  }

  /** The same failure, tagged with where it happened and after how many attempts. */
  withContext(context: InferenceErrorOptions): InferenceError {
    return new InferenceError(this.code, this.message, {
      model: context.model ?? this.model,
      provider: context.provider ?? this.provider,
      status: this.status,
      attempts: context.attempts ?? this.attempts,
      cause: this.cause,
    });
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      model: this.model,
      provider: this.provider,
      status: this.status,
      attempts: this.attempts,
    };
  }
}
