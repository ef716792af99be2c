import type { AdapterLogger } from '../adapter';

/** One call an adapter made on a captured logger. */
export interface CapturedLogCall {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** An AdapterLogger that keeps every call in `calls`, for assertions (e.g. that no secret was logged). */
export interface CapturedLogger extends AdapterLogger {
  readonly calls: CapturedLogCall[];
  /** Forgets the calls recorded so far. */
  clear(): void;
}

/** Returns a logger to hand to an adapter under test; it records every call and prints nothing. */
export function captureLogger(): CapturedLogger {
  const calls: CapturedLogCall[] = [];
  const record =
    (level: CapturedLogCall['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      calls.push({ level, message, fields });
    };
  return {
    calls,
    clear: () => void calls.splice(0, calls.length),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}
