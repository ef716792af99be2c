import { AdapterError, type IncrementalSpec } from '@trestle/adapter-sdk';
import type { SqlGrammar } from '../transport/sql-driver';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * The `modifiedSince` instant written the way the modified column stores it (IncrementalSpec.format):
 * `iso` (MySQL gets `YYYY-MM-DD HH:MM:SS.mmm`, its DATETIME literal), epoch seconds or millis,
 * `yyyymmdd` or `yyyymmddhhmmss` strings; all in UTC.
 */
export function watermarkValue(modifiedSince: string, spec: IncrementalSpec, grammar: SqlGrammar): string | number {
  const millis = Date.parse(modifiedSince);
  if (Number.isNaN(millis)) {
    throw new AdapterError('rejected', 'modifiedSince is not an ISO 8601 instant', { details: { modifiedSince } });
  }
  const at = new Date(millis);
  const date = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  switch (spec.format ?? 'iso') {
    case 'epoch-seconds':
      return Math.floor(millis / 1000);
    case 'epoch-millis':
      return millis;
    case 'yyyymmdd':
      return date;
    case 'yyyymmddhhmmss':
      return `${date}${time}`;
    case 'iso':
      return grammar.name === 'mysql' ? at.toISOString().replace('T', ' ').replace('Z', '') : at.toISOString();
  }
}
