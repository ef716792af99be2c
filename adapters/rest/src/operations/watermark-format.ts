import { AdapterError, type IncrementalSpec } from '@trestle/adapter-sdk';

/** Writes an ISO 8601 instant the way the system's incremental parameter expects it (UTC). */
export function formatWatermark(since: string, format: IncrementalSpec['format'] = 'iso'): string {
  const at = new Date(since);
  if (Number.isNaN(at.getTime())) {
    throw new AdapterError('rejected', `modifiedSince '${since}' is not an ISO 8601 instant`, { retryable: false });
  }
  const iso = at.toISOString();
  switch (format) {
    case 'iso':
      return iso;
    case 'epoch-seconds':
      return String(Math.floor(at.getTime() / 1000));
    case 'epoch-millis':
      return String(at.getTime());
    case 'yyyymmdd':
      return iso.slice(0, 10).replace(/-/g, '');
    case 'yyyymmddhhmmss':
      return iso.slice(0, 19).replace(/[-T:]/g, '');
  }
}
