import { AdapterError, type AdapterErrorCode } from '@trestle/adapter-sdk';
import type { CallScope } from './call-scope';
import type { HttpResponse } from './http-exchange';
import { parseRetryAfter } from './retry-after';
import { decodeBody, formatOfContentType } from './response-body';
import type { SecretScrubber } from './secret-scrubber';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
const MAX_UPSTREAM_MESSAGE = 300;

interface TransportFailure {
  code?: string;
  message?: string;
  response?: unknown;
}

/**
 * Turns a failure below HTTP (socket, DNS, TLS, size cap, cut-off body, abort) into the one
 * AdapterError the caller sees. The original error is dropped, not chained: it carries the request
 * configuration, headers included.
 */
export function transportError(error: unknown, scope: CallScope, what: string, maxResponseBytes: number): AdapterError {
  if (scope.aborted) return scope.abortError(what);
  const failure = (error ?? {}) as TransportFailure;
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  if (typeof failure.message === 'string' && failure.message.includes('maxContentLength')) {
    return new AdapterError('invalid_response', `${what}: the response exceeds ${maxResponseBytes} bytes`, {
      retryable: false,
      details: { maxResponseBytes },
    });
  }
  if (failure.response !== undefined) {
    return new AdapterError('invalid_response', `${what}: the response was cut off before its end`, {
      retryable: true,
      details: { transportCode: code },
    });
  }
  if (code === 'ETIMEDOUT') {
    return new AdapterError('timeout', `${what}: the connection timed out`, { details: { transportCode: code } });
  }
  if (code && (UNREACHABLE_CODES.has(code) || code.startsWith('ERR_SOCKET'))) {
    return new AdapterError('unreachable', `${what}: ${describe(code)}`, { details: { transportCode: code } });
  }
  if (code && /CERT|TLS|SSL/.test(code)) {
    return new AdapterError('unreachable', `${what}: the TLS handshake failed (${code})`, {
      retryable: false,
      details: { transportCode: code },
    });
  }
  return new AdapterError('unreachable', `${what}: the request failed${code ? ` (${code})` : ''}`, {
    details: { transportCode: code },
  });
}

function describe(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    default:
      return `the connection failed (${code})`;
  }
}

/** Turns an HTTP status the call cannot use into its AdapterError, with the upstream's message when safe. */
export function statusError(response: HttpResponse, what: string, scrubber: SecretScrubber): AdapterError {
  const { status } = response;
  const upstreamMessage = upstreamMessageOf(response, scrubber);
  const details: Record<string, unknown> = upstreamMessage ? { upstreamMessage } : {};
  const make = (code: AdapterErrorCode, message: string, extra: { retryable?: boolean; retryAfterMs?: number } = {}) =>
    new AdapterError(code, `${what}: ${message}`, { upstreamStatus: status, details, ...extra });
  if (status === 401 || status === 403) {
    return make('auth', status === 401 ? 'the credentials were refused (401)' : 'access is forbidden (403)');
  }
  if (status === 404 || status === 410) return make('not_found', `no such resource (${status})`);
  if (status === 429) {
    return make('rate_limited', 'the system is rate limiting (429)', {
      retryAfterMs: parseRetryAfter(response.headers['retry-after']),
    });
  }
  if (status === 408) return make('timeout', 'the system timed out the request (408)');
  if (status >= 500) return make('unreachable', `the system failed (${status})`);
  if (status >= 400) {
    return make('rejected', upstreamMessage ? `rejected (${status}): ${upstreamMessage}` : `rejected (${status})`);
  }
  return make('invalid_response', `unexpected status ${status}`, { retryable: false });
}

/** A short, secret-free message taken from an error body (`message`, `error_description`, `detail`, ...). */
function upstreamMessageOf(response: HttpResponse, scrubber: SecretScrubber): string | undefined {
  const format = formatOfContentType(response.headers['content-type']);
  if (!format || response.body.length === 0) return undefined;
  let body: unknown;
  try {
    body = decodeBody(response.body, response.headers['content-type'], format);
  } catch {
    return undefined;
  }
  const message = findMessage(body, 0);
  if (!message) return undefined;
  const clean = scrubber.scrub(message.replace(/\s+/g, ' ').trim());
  return clean.length > MAX_UPSTREAM_MESSAGE ? `${clean.slice(0, MAX_UPSTREAM_MESSAGE)}…` : clean;
}

const MESSAGE_KEYS = ['message', 'error_description', 'detail', 'title', 'error', 'errors', 'fault', 'faultstring'];

function findMessage(value: unknown, depth: number): string | undefined {
  if (depth > 4 || value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value || undefined;
  if (Array.isArray(value)) return findMessage(value[0], depth + 1);
  if (typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  for (const key of MESSAGE_KEYS) {
    const found = findMessage(record[key], depth + 1);
    if (found) return found;
  }
  const keys = Object.keys(record);
  return keys.length === 1 ? findMessage(record[keys[0]], depth + 1) : undefined;
}
