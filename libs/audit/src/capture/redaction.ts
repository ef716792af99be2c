const SENSITIVE_KEY = /pass(word)?|secret|token|credential|authorization|api[-_]?key|cookie|private/i;
const API_KEY = /^trk_[0-9a-f]{12}_/;
const MAX_DEPTH = 8;

/**
 * `value` with every sensitive-looking field replaced, safe for audit details and bodies. What needs
 * no change is handed back as it is; what does is copied, so the input is never altered.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[truncated]';
  if (typeof value === 'string') return API_KEY.test(value) ? '[redacted]' : value;
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = redact(value[index], depth + 1);
      if (item !== value[index]) (copy ??= value.slice())[index] = item;
    }
    return copy ?? value;
  }
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const field = source[key];
    const safe = SENSITIVE_KEY.test(key) ? '[redacted]' : redact(field, depth + 1);
    if (safe === field) continue;
    copy ??= { ...source };
    Object.defineProperty(copy, key, { value: safe, enumerable: true, writable: true, configurable: true });
  }
  return copy ?? value;
}
