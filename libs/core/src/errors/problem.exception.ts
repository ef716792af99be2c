import { ErrorCode } from './error-code';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `lines.0.quantity`. */
  field: string;
  message: string;
}

export interface ProblemOptions {
  detail?: string;
  errors?: FieldError[];
  /** Extra members merged into the problem body; never put secrets here. */
  extensions?: Record<string, unknown>;
  /** Response headers that belong to this problem (Retry-After, WWW-Authenticate). */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one exception type the edge turns into RFC 9457 problem+json (or a GraphQL error with the same code). */
export class ProblemException extends Error {
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly title: string,
    options: ProblemOptions = {},
  ) {
    super(options.detail ?? title, { cause: options.cause });
    this.name = 'ProblemException';
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  static validation(errors: FieldError[], detail = 'The request is not valid.'): ProblemException {
    return new ProblemException(400, ErrorCode.ValidationFailed, 'Validation failed', { detail, errors });
  }

  static badRequest(detail: string): ProblemException {
    return new ProblemException(400, ErrorCode.BadRequest, 'Bad request', { detail });
  }

  static notFound(resource: string, id?: string): ProblemException {
    const detail = id === undefined ? `${resource} not found.` : `${resource} '${id}' not found.`;
    return new ProblemException(404, ErrorCode.NotFound, 'Not found', { detail });
  }

  static conflict(detail: string): ProblemException {
    return new ProblemException(409, ErrorCode.Conflict, 'Conflict', { detail });
  }

  static unauthenticated(detail = 'A valid bearer token or API key is required.'): ProblemException {
    return new ProblemException(401, ErrorCode.Unauthenticated, 'Unauthenticated', {
      detail,
      headers: { 'www-authenticate': 'Bearer' },
    });
  }

  static forbidden(detail = 'The caller lacks the scope this operation needs.'): ProblemException {
    return new ProblemException(403, ErrorCode.Forbidden, 'Forbidden', { detail });
  }

  static unavailable(detail: string): ProblemException {
    return new ProblemException(503, ErrorCode.Unavailable, 'Service unavailable', { detail });
  }
}
