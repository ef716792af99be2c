const SENSITIVE_KEY = /pass(word)?|secret|token|credential|authorization|api[-_]?key|cookie|private/i;
const MAX_DEPTH = 8;

/** A copy of `value` with every sensitive-looking field replaced, safe for audit details and bodies. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        SENSITIVE_KEY.test(key) ? '[redacted]' : redact(item, depth + 1),
      ]),
    );
  }
  if (typeof value === 'string' && /^trk_[0-9a-f]{12}_/.test(value)) return '[redacted]';
  return value;
}
