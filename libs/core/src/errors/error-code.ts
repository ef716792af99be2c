/** Stable machine-readable error codes, shared by REST problem+json bodies and GraphQL error extensions. */
export const ErrorCode = {
  ValidationFailed: 'validation_failed',
  BadRequest: 'bad_request',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Conflict: 'conflict',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  RateLimited: 'rate_limited',
  Internal: 'internal',
  Unavailable: 'unavailable',
  UpstreamUnreachable: 'upstream_unreachable',
  UpstreamTimeout: 'upstream_timeout',
  UpstreamAuth: 'upstream_auth',
  UpstreamRejected: 'upstream_rejected',
  UpstreamInvalidResponse: 'upstream_invalid_response',
  UpstreamNotFound: 'upstream_not_found',
  UpstreamUnsupported: 'upstream_unsupported',
  UpstreamRateLimited: 'upstream_rate_limited',
  CircuitOpen: 'circuit_open',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const PROBLEM_TYPE_PREFIX = 'urn:trestle:problem:';
