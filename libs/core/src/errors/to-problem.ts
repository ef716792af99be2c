import { HttpException } from '@nestjs/common';
import { AdapterError, AdapterErrorCode } from '@trestle/adapter-sdk';
import { ErrorCode } from './error-code';
import { ProblemException } from './problem.exception';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  422: ErrorCode.ValidationFailed,
  429: ErrorCode.RateLimited,
  503: ErrorCode.Unavailable,
};

const TITLE_BY_CODE: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.BadRequest]: 'Bad request',
  [ErrorCode.Unauthenticated]: 'Unauthenticated',
  [ErrorCode.Forbidden]: 'Forbidden',
  [ErrorCode.NotFound]: 'Not found',
  [ErrorCode.Conflict]: 'Conflict',
  [ErrorCode.PayloadTooLarge]: 'Payload too large',
  [ErrorCode.UnsupportedMediaType]: 'Unsupported media type',
  [ErrorCode.ValidationFailed]: 'Validation failed',
  [ErrorCode.RateLimited]: 'Too many requests',
  [ErrorCode.Unavailable]: 'Service unavailable',
};

function fromStatus(status: number, detail: string | undefined): ProblemException {
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest);
  const title = TITLE_BY_CODE[code] ?? 'Internal error';
  return new ProblemException(status, code, title, { detail });
}

function hasClientStatus(error: unknown): error is Error & { statusCode: number } {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

const ADAPTER_PROBLEMS: Record<AdapterErrorCode, { status: number; code: ErrorCode; title: string }> = {
  unreachable: { status: 502, code: ErrorCode.UpstreamUnreachable, title: 'Legacy system unreachable' },
  timeout: { status: 504, code: ErrorCode.UpstreamTimeout, title: 'Legacy system timed out' },
  auth: { status: 502, code: ErrorCode.UpstreamAuth, title: 'Legacy system refused our credentials' },
  not_found: { status: 404, code: ErrorCode.UpstreamNotFound, title: 'Not found in the legacy system' },
  invalid_response: { status: 502, code: ErrorCode.UpstreamInvalidResponse, title: 'Legacy system answered nonsense' },
  rejected: { status: 422, code: ErrorCode.UpstreamRejected, title: 'Legacy system rejected the request' },
  unsupported: { status: 501, code: ErrorCode.UpstreamUnsupported, title: 'Not supported by this legacy system' },
  rate_limited: { status: 503, code: ErrorCode.UpstreamRateLimited, title: 'Legacy system is rate limiting' },
};

function fromAdapterError(error: AdapterError): ProblemException {
  const circuitOpen = error.details.circuit === 'open';
  const mapped = circuitOpen
    ? { status: 503, code: ErrorCode.CircuitOpen, title: 'Circuit breaker open' }
    : (ADAPTER_PROBLEMS[error.code] ?? ADAPTER_PROBLEMS.invalid_response);
  const retryAfter =
    error.retryAfterMs === undefined ? undefined : String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  return new ProblemException(mapped.status, mapped.code, mapped.title, {
    detail: error.message,
    extensions: {
      upstream: {
        code: error.code,
        retryable: error.retryable,
        ...(error.upstreamStatus !== undefined && { status: error.upstreamStatus }),
      },
    },
    headers: retryAfter && mapped.status === 503 ? { 'retry-after': retryAfter } : undefined,
    cause: error,
  });
}

/**
 * Maps anything thrown while serving a call onto a ProblemException. Unknown errors become a
 * generic 500 whose detail reveals nothing: their message may carry internals or secrets.
 */
export function toProblem(error: unknown): ProblemException {
  if (error instanceof ProblemException) return error;
  if (AdapterError.is(error)) return fromAdapterError(error);
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return fromStatus(error.getStatus(), typeof message === 'string' ? message : error.message);
  }
  if (hasClientStatus(error)) return fromStatus(error.statusCode, error.message);
  return new ProblemException(500, ErrorCode.Internal, 'Internal error', {
    detail: 'An unexpected error occurred. Quote the request id when reporting it.',
    cause: error,
  });
}
