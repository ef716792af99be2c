import { AdapterError, type SourceRecord } from '@trestle/adapter-sdk';
import { atPath } from './operation-binding';

/** The record at `path` of a single-record response; undefined when the response holds none. */
export function singleRecord(body: unknown, path: string | undefined, what: string): SourceRecord | undefined {
  const found = atPath(body, path);
  if (found === undefined || found === null || found === '') return undefined;
  const record = Array.isArray(found) && found.length === 1 ? found[0] : found;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new AdapterError('invalid_response', `${what}: the response holds no record`, { retryable: false });
  }
  return record as SourceRecord;
}

/** The record id a Location header points at (its last path segment). */
export function idFromLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const segment = new URL(location, 'http://location.invalid').pathname.split('/').filter(Boolean).pop();
  return segment ? decodeURIComponent(segment) : undefined;
}
