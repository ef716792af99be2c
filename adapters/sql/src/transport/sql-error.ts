import { AdapterError, type AdapterErrorCode } from '@trestle/adapter-sdk';

const NETWORK: Record<string, AdapterErrorCode> = {
  ECONNREFUSED: 'unreachable',
  ENOTFOUND: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EAI_AGAIN: 'unreachable',
  ECONNRESET: 'unreachable',
  EPIPE: 'unreachable',
  ETIMEDOUT: 'timeout',
  PROTOCOL_CONNECTION_LOST: 'unreachable',
  PROTOCOL_SEQUENCE_TIMEOUT: 'timeout',
};

const POSTGRES: Array<[RegExp, AdapterErrorCode]> = [
  [/^28/, 'auth'],
  [/^3D000$/, 'unreachable'],
  [/^57014$/, 'timeout'],
  [/^57P0[1-3]$/, 'unreachable'],
  [/^08/, 'unreachable'],
  [/^53/, 'rate_limited'],
  [/^(23|22|42|2F|P0)/, 'rejected'],
];

const MYSQL: Record<string, AdapterErrorCode> = {
  ER_ACCESS_DENIED_ERROR: 'auth',
  ER_DBACCESS_DENIED_ERROR: 'auth',
  ER_ACCESS_DENIED_NO_PASSWORD_ERROR: 'auth',
  ER_BAD_DB_ERROR: 'unreachable',
  ER_QUERY_INTERRUPTED: 'timeout',
  ER_STATEMENT_TIMEOUT: 'timeout',
  ER_QUERY_TIMEOUT: 'timeout',
  ER_CON_COUNT_ERROR: 'rate_limited',
  ER_TOO_MANY_USER_CONNECTIONS: 'rate_limited',
  ER_LOCK_WAIT_TIMEOUT: 'timeout',
};

const SQLITE: Array<[RegExp, AdapterErrorCode]> = [
  [/^SQLITE_CONSTRAINT/, 'rejected'],
  [/^SQLITE_(CANTOPEN|NOTADB|CORRUPT)/, 'unreachable'],
  [/^SQLITE_(BUSY|LOCKED|INTERRUPT)/, 'timeout'],
  [/^SQLITE_(AUTH|PERM|READONLY)/, 'auth'],
  [/^SQLITE_(ERROR|MISMATCH|RANGE|TOOBIG)/, 'rejected'],
];

/** Removes every secret (and its URL-encoded form) from a text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) clean = clean.split(form).join('***');
  }
  return clean.replace(/(\w+:\/\/[^:/@\s]+:)[^@\s]+@/g, '$1***@');
}

function codeOf(error: { code?: unknown; errno?: unknown; sqlState?: unknown }, dialect: string): AdapterErrorCode {
  const code = typeof error.code === 'string' ? error.code : '';
  if (NETWORK[code]) return NETWORK[code];
  if (dialect === 'postgres') return POSTGRES.find(([pattern]) => pattern.test(code))?.[1] ?? 'invalid_response';
  if (dialect === 'mysql') {
    if (MYSQL[code]) return MYSQL[code];
    if (error.errno === 1969 || error.errno === 3024) return 'timeout';
    if (typeof error.sqlState === 'string' && /^(23|22|42)/.test(error.sqlState)) return 'rejected';
    return 'invalid_response';
  }
  return SQLITE.find(([pattern]) => pattern.test(code))?.[1] ?? 'invalid_response';
}

/**
 * Wraps a driver error once into an AdapterError with the right code. The message and the cause
 * are scrubbed copies: no password or connection string with a password survives.
 */
export function toAdapterError(
  error: unknown,
  dialect: 'postgres' | 'mysql' | 'sqlite',
  secrets: readonly string[],
  action: string,
): AdapterError {
  if (AdapterError.is(error)) return error;
  const raw = (error ?? {}) as { code?: unknown; errno?: unknown; sqlState?: unknown; message?: unknown };
  const code = codeOf(raw, dialect);
  const driverMessage = scrub(typeof raw.message === 'string' ? raw.message : String(error), secrets);
  const upstream =
    typeof raw.code === 'string' ? raw.code : typeof raw.sqlState === 'string' ? raw.sqlState : undefined;
  const cause = Object.assign(new Error(driverMessage), { code: upstream });
  return new AdapterError(code, `${dialect} ${action} failed: ${driverMessage}`, {
    upstreamStatus: upstream,
    details: { dialect, action },
    cause,
  });
}

/** The AdapterError for a call that was aborted or ran past its time limit. */
export function abortedError(signal: AbortSignal, dialect: string, action: string): AdapterError {
  const timedOut = (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
  return new AdapterError('timeout', `${dialect} ${action} ${timedOut ? 'ran past its time limit' : 'was aborted'}`, {
    details: { dialect, action },
  });
}
