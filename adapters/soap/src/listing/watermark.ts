import { AdapterError, type IncrementalSpec } from '@trestle/adapter-sdk';

const pad = (value: number) => String(value).padStart(2, '0');

/** Writes an ISO 8601 instant in the format the system expects for its incremental argument. */
export function watermarkValue(modifiedSince: string, spec: IncrementalSpec): string | number {
  const instant = new Date(modifiedSince);
  if (Number.isNaN(instant.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(modifiedSince)) {
    throw new AdapterError('rejected', 'modifiedSince is not an ISO 8601 instant', { details: { param: spec.param } });
  }
  const date = `${instant.getUTCFullYear()}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}`;
  switch (spec.format ?? 'iso') {
    case 'iso':
      return instant.toISOString();
    case 'epoch-seconds':
      return Math.floor(instant.getTime() / 1000);
    case 'epoch-millis':
      return instant.getTime();
    case 'yyyymmdd':
      return date;
    case 'yyyymmddhhmmss':
      return `${date}${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}`;
  }
}
