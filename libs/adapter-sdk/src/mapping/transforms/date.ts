import {
  DATE_FORMATS,
  type DateFormat,
  formatInstant,
  isZeroDate,
  parseCanonicalInstant,
  parseInstant,
} from './calendar';
import { defineTransform, TransformFailure } from './transform';

/**
 * `{ date: 'YYYYMMDD' }`: a date in one of the source layouts (YYYYMMDD, YYYY-MM-DD, DD.MM.YYYY,
 * MM/DD/YYYY, epoch-seconds, epoch-millis) to an ISO date `YYYY-MM-DD`. All-zero legacy dates
 * (00000000) read as absent. Written back in the same layout.
 */
export const dateTransform = defineTransform<DateFormat>({
  name: 'date',
  bareAllowed: false,
  prepare: ({ argument }) => {
    if (!DATE_FORMATS.includes(argument as DateFormat)) {
      throw new TransformFailure(`date takes one of ${DATE_FORMATS.join(', ')}`);
    }
    return argument as DateFormat;
  },
  read: (value, format) => {
    if (typeof value === 'string' && isZeroDate(value.trim())) return undefined;
    if (value === 0 && !format.startsWith('epoch')) return undefined;
    return new Date(parseInstant(value, format, 0)).toISOString().slice(0, 10);
  },
  write: (value, format) => formatInstant(parseCanonicalInstant(value), format, 0),
});
