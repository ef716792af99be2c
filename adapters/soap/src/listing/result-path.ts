import { AdapterError, readPath, type SourceRecord } from '@trestle/adapter-sdk';

/** Reads a dotted path in an operation result; the whole result when no path is given. */
export function valueAt(result: unknown, path: string | undefined): unknown {
  if (path === undefined) return result;
  if (result === null || typeof result !== 'object') return undefined;
  return readPath(result as Record<string, unknown>, path);
}

/** The records at `path`: an array, a single object as a one-element array, nothing as none. */
export function recordsAt(result: unknown, path: string | undefined, operation: string): SourceRecord[] {
  const value = valueAt(result, path);
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new AdapterError('invalid_response', `'${operation}' returned a non-record at '${path ?? '(result)'}'`, {
        details: { operation, path },
      });
    }
  }
  return items as SourceRecord[];
}

/** The one record at `path`, or undefined when the result holds none. */
export function recordAt(result: unknown, path: string | undefined, operation: string): SourceRecord | undefined {
  const records = recordsAt(result, path, operation);
  if (records.length > 1) {
    throw new AdapterError(
      'invalid_response',
      `'${operation}' returned ${records.length} records where one was expected`,
      {
        details: { operation, path },
      },
    );
  }
  const record = records[0];
  return record && Object.keys(record).length > 0 ? record : undefined;
}

/** A copy of `args` with `value` set at a dotted path (intermediate objects created or copied). */
export function withArg(args: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...args, [head]: value };
  const inner = args[head];
  const nested =
    inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
  return { ...args, [head]: withArg(nested, rest.join('.'), value) };
}
