import { AdapterError, type AdapterErrorCode, type AdapterErrorOptions } from '@trestle/adapter-sdk';
import { SoapTransportFailure } from './soap-transport-failure';

/** Where a failure happened, for messages and details. */
export interface SoapCallSite {
  /** `call` (an operation), `wsdl` (loading the WSDL) or `check`. */
  action: 'call' | 'wsdl' | 'check';
  operation?: string;
  /** Credential values to scrub from any text taken from the server or a library. */
  secrets: readonly string[];
  timeoutMs: number;
}

/** A SOAP fault as read from the response envelope (1.1 faultcode/faultstring or 1.2 Code/Reason). */
export interface SoapFault {
  code: string;
  reason: string;
  detail?: string;
}

const NETWORK: Record<string, AdapterErrorCode> = {
  ECONNREFUSED: 'unreachable',
  ECONNRESET: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EPIPE: 'unreachable',
  ECONNABORTED: 'unreachable',
  ETIMEDOUT: 'timeout',
  ENOENT: 'unreachable',
  EACCES: 'unreachable',
};

const AUTH_FAULT =
  /FailedAuthentication|InvalidSecurity|SecurityTokenUnavailable|Unauthori[sz]ed|authenticat|access denied|forbidden|invalid (user|credential|password|login)|wrong password|login failed/i;
const NOT_FOUND_FAULT = /NotFound|not found|does not exist|no such|unknown (record|id|key)/i;
const SENDER_FAULT =
  /(^|[:.\s])(Client|Sender|VersionMismatch|MustUnderstand|DataEncodingUnknown)\b|validation|invalid/i;
const UNAVAILABLE_FAULT = /unavailable|temporar|try again|overload|busy|maintenance|timed? ?out/i;
const INVALID_XML = 'Invalid XML';

/** Removes every secret (and its URL-encoded and XML-escaped forms) from a text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (!secret) continue;
    const escaped = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const form of new Set([secret, encodeURIComponent(secret), escaped])) clean = clean.split(form).join('***');
  }
  return clean.replace(/(\w+:\/\/[^:/@\s]+:)[^@\s]+@/g, '$1***@');
}

/**
 * Wraps any failure of a SOAP call (transport, HTTP status, malformed XML, SOAP fault, WSDL load)
 * once into an AdapterError. Messages and details carry only scrubbed, bounded facts; the cause
 * is a fresh, scrubbed Error, never the library's error with its request and headers.
 */
export function toAdapterError(error: unknown, site: SoapCallSite): AdapterError {
  if (AdapterError.is(error)) return error;
  const where = site.operation ? `SOAP ${site.action} '${site.operation}'` : `SOAP ${site.action}`;
  const base = { action: site.action, ...(site.operation ? { operation: site.operation } : {}) };
  const make: Make = (code, message, extra = {}) => {
    const text = bounded(scrub(message, site.secrets), 500);
    return new AdapterError(code, `${where}: ${text}`, {
      ...extra,
      details: { ...base, ...extra.details },
      cause: new Error(text),
    });
  };

  if (error instanceof SoapTransportFailure) return fromTransport(error, site, make);

  const fault = faultOf(error);
  if (fault) {
    if (fault.reason === INVALID_XML && fault.code === '500') {
      return make('invalid_response', `the response is not well-formed XML (${fault.detail ?? 'parse error'})`);
    }
    const code = faultCode(fault);
    return make(code, `SOAP fault ${fault.code}: ${fault.reason}`, {
      upstreamStatus: bounded(scrub(fault.code, site.secrets), 120),
      details: {
        faultcode: bounded(scrub(fault.code, site.secrets), 120),
        faultstring: bounded(scrub(fault.reason, site.secrets), 500),
        ...(fault.detail ? { faultdetail: bounded(scrub(fault.detail, site.secrets), 500) } : {}),
      },
      retryable: code === 'unreachable',
    });
  }

  const raw = error as { message?: unknown; code?: unknown } | undefined;
  const message = typeof raw?.message === 'string' ? raw.message : String(error);
  const errno = typeof raw?.code === 'string' ? raw.code : undefined;
  if (errno && NETWORK[errno]) {
    return make(NETWORK[errno], `${site.action === 'wsdl' ? 'cannot read the WSDL' : 'network error'} (${errno})`, {
      upstreamStatus: errno,
    });
  }
  if (site.action === 'wsdl') return make('invalid_response', `the WSDL cannot be used: ${message}`);
  return make('invalid_response', message);
}

type Make = (code: AdapterErrorCode, message: string, extra?: Omit<AdapterErrorOptions, 'cause'>) => AdapterError;

function fromTransport(failure: SoapTransportFailure, site: SoapCallSite, make: Make): AdapterError {
  const { status, code, retryAfterMs, signal } = failure.facts;
  switch (failure.kind) {
    case 'aborted': {
      const timedOut = (signal?.reason as { name?: string } | undefined)?.name === 'TimeoutError';
      return timedOut
        ? make('timeout', `no complete answer within ${site.timeoutMs} ms`, { details: { timeoutMs: site.timeoutMs } })
        : make('timeout', 'the call was aborted by the caller', { details: { aborted: true } });
    }
    case 'network':
      return make(NETWORK[code ?? ''] ?? 'unreachable', failure.message, { upstreamStatus: code });
    case 'http_status':
      return make(statusCode(status ?? 0), failure.message, {
        upstreamStatus: status,
        retryAfterMs,
        retryable: status === 404 || status === 410 ? false : undefined,
      });
    case 'truncated':
    case 'too_large':
    case 'doctype':
    case 'not_soap':
      return make('invalid_response', failure.message, { upstreamStatus: status });
    case 'bad_url':
      return make('unreachable', failure.message, { retryable: false });
  }
}

function statusCode(status: number): AdapterErrorCode {
  if (status === 401 || status === 403 || status === 407) return 'auth';
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status === 404 || status === 410 || status === 502 || status === 503 || status === 504) return 'unreachable';
  if (status >= 400 && status < 500) return 'rejected';
  return 'invalid_response';
}

/** Classifies a SOAP fault by its code and reason. */
export function faultCode(fault: SoapFault): AdapterErrorCode {
  const text = `${fault.code} ${fault.reason}`;
  if (AUTH_FAULT.test(text)) return 'auth';
  if (NOT_FOUND_FAULT.test(text)) return 'not_found';
  if (SENDER_FAULT.test(fault.code)) return 'rejected';
  if (UNAVAILABLE_FAULT.test(fault.reason)) return 'unreachable';
  if (SENDER_FAULT.test(fault.reason)) return 'rejected';
  return 'invalid_response';
}

/** The fault carried by a node-soap error: a parsed envelope (`root`) or its own `{ Fault }` object. */
export function faultOf(error: unknown): SoapFault | undefined {
  const candidate = error as { root?: { Envelope?: { Body?: { Fault?: unknown } } }; Fault?: unknown } | undefined;
  const fault = (candidate?.root?.Envelope?.Body?.Fault ?? candidate?.Fault) as Record<string, unknown> | undefined;
  if (!fault || typeof fault !== 'object') return undefined;
  const code = textOf(fault.faultcode) ?? joinCodes(fault.Code);
  const reason = textOf(fault.faultstring) ?? textOf((fault.Reason as { Text?: unknown } | undefined)?.Text);
  if (code === undefined && reason === undefined) return undefined;
  const detail = fault.detail ?? fault.Detail;
  return {
    code: code ?? '',
    reason: reason ?? '',
    detail: detail === undefined ? undefined : typeof detail === 'string' ? detail : safeJson(detail),
  };
}

function joinCodes(code: unknown): string | undefined {
  const parts: string[] = [];
  let current = code as { Value?: unknown; Subcode?: unknown } | undefined;
  while (current && typeof current === 'object' && parts.length < 5) {
    const value = textOf(current.Value);
    if (value) parts.push(value);
    current = current.Subcode as typeof current;
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object' && '$value' in value) return textOf((value as { $value: unknown }).$value);
  return undefined;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}
