import { createHash } from 'node:crypto';

/** JSON with object keys sorted (so equal content hashes equally); Dates as ISO strings, bigints as strings. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortedCopy(value));
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function sortedCopy(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .filter((key) => source[key] !== undefined)
        .map((key) => [key, sortedCopy(source[key])]),
    );
  }
  return value;
}
