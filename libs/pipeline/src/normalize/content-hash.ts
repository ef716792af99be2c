import { sha256 } from '@trestle/core';

/** JSON with object keys sorted (so equal content hashes equally); Dates as ISO strings, bigints as strings. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortedCopy(value));
}

export function contentHash(value: unknown): string {
  return sha256(stableJson(value));
}

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = sortedCopy(value[index]);
    return copy;
  }
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) {
    const field = source[key];
    if (field === undefined) continue;
    if (key === '__proto__') Object.defineProperty(copy, key, { value: sortedCopy(field), enumerable: true });
    else copy[key] = sortedCopy(field);
  }
  return copy;
}
