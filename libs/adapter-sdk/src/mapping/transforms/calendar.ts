import { TransformFailure } from './transform';

/** Source date layouts understood by the date and datetime transforms. */
export const DATE_FORMATS = [
  'YYYYMMDD',
  'YYYY-MM-DD',
  'DD.MM.YYYY',
  'MM/DD/YYYY',
  'epoch-seconds',
  'epoch-millis',
] as const;
/** Source layouts understood by datetime: the date layouts plus ISO 8601 and YYYYMMDDHHmmss. */
export const DATETIME_FORMATS = [...DATE_FORMATS, 'iso', 'YYYYMMDDHHmmss'] as const;

export type DateFormat = (typeof DATE_FORMATS)[number];
export type DatetimeFormat = (typeof DATETIME_FORMATS)[number];

/** Broken-down wall-clock time. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const LAYOUTS: Record<string, RegExp> = {
  YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
  'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
  'DD.MM.YYYY': /^(\d{2})\.(\d{2})\.(\d{4})$/,
  'MM/DD/YYYY': /^(\d{2})\/(\d{2})\/(\d{4})$/,
  YYYYMMDDHHmmss: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
};
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** Whether a source value is a legacy "no date" (all zeros, e.g. 00000000). */
export function isZeroDate(text: string): boolean {
  return /^[0.\-/: ]+$/.test(text) && /0/.test(text);
}

/** Minutes east of UTC of an offset such as `+01:00`, `-0500` or `Z`. */
export function offsetMinutes(offset: unknown): number {
  if (offset === undefined || offset === 'Z' || offset === 'z') return 0;
  const match = typeof offset === 'string' ? OFFSET.exec(offset) : null;
  if (!match) throw new TransformFailure("timezoneOffset must look like '+01:00' or '-05:00'");
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** Epoch milliseconds of a wall-clock time at the given offset, after checking the calendar. */
export function toEpochMillis(clock: WallClock, offset: number): number {
  const { year, month, day, hour, minute, second, millisecond } = clock;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(millis);
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!valid || year < 1) throw new TransformFailure('not a valid calendar date or time');
  return millis - offset * 60_000;
}

/** The wall clock of an instant seen at `offset` minutes east of UTC. */
export function wallClockAt(millis: number, offset: number): WallClock {
  const shifted = new Date(millis + offset * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Parses a source value in `format` to epoch milliseconds. Wall-clock layouts are read at
 * `offset` minutes east of UTC (ISO values with their own offset keep it).
 */
export function parseInstant(value: unknown, format: DatetimeFormat, offset: number): number {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TransformFailure('an invalid Date');
    return value.getTime();
  }
  if (format === 'epoch-seconds' || format === 'epoch-millis') {
    const number = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) throw new TransformFailure(`not a ${format} number`);
    return Math.round(format === 'epoch-seconds' ? number * 1000 : number);
  }
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) throw new TransformFailure(`not a ${format} date`);
  if (format === 'iso') {
    const match = ISO.exec(text);
    if (!match) throw new TransformFailure('not an ISO 8601 date-time');
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone] = match;
    const clock = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s, millisecond: 0 };
    clock.millisecond = Number(fraction.padEnd(3, '0').slice(0, 3));
    return toEpochMillis(clock, zone === undefined ? offset : offsetMinutes(zone.toUpperCase()));
  }
  const match = LAYOUTS[format].exec(text);
  if (!match) throw new TransformFailure(`not a ${format} date`);
  const parts = match.slice(1).map(Number);
  const [year, month, day] =
    format === 'DD.MM.YYYY'
      ? [parts[2], parts[1], parts[0]]
      : format === 'MM/DD/YYYY'
        ? [parts[2], parts[0], parts[1]]
        : parts;
  const [hour = 0, minute = 0, second = 0] = format === 'YYYYMMDDHHmmss' ? parts.slice(3) : [];
  return toEpochMillis({ year, month, day, hour, minute, second, millisecond: 0 }, offset);
}

/** Writes an instant in `format`, as wall-clock time at `offset` minutes east of UTC. */
export function formatInstant(millis: number, format: DatetimeFormat, offset: number): string | number {
  if (format === 'epoch-seconds') return Math.floor(millis / 1000);
  if (format === 'epoch-millis') return millis;
  const c = wallClockAt(millis, offset);
  const date = { YYYY: pad(c.year, 4), MM: pad(c.month), DD: pad(c.day) };
  switch (format) {
    case 'YYYYMMDD':
      return `${date.YYYY}${date.MM}${date.DD}`;
    case 'YYYY-MM-DD':
      return `${date.YYYY}-${date.MM}-${date.DD}`;
    case 'DD.MM.YYYY':
      return `${date.DD}.${date.MM}.${date.YYYY}`;
    case 'MM/DD/YYYY':
      return `${date.MM}/${date.DD}/${date.YYYY}`;
    case 'YYYYMMDDHHmmss':
      return `${date.YYYY}${date.MM}${date.DD}${pad(c.hour)}${pad(c.minute)}${pad(c.second)}`;
    case 'iso':
      return new Date(millis).toISOString();
  }
}

/** The instant of a canonical ISO date or date-time (`2024-01-15`, `2024-01-15T10:00:00Z`), read as UTC when it has no offset. */
export function parseCanonicalInstant(value: unknown): number {
  if (typeof value !== 'string') throw new TransformFailure('expected an ISO 8601 date string');
  return parseInstant(value, 'iso', 0);
}
