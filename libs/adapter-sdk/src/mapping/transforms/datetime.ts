import {
  DATETIME_FORMATS,
  type DatetimeFormat,
  formatInstant,
  isZeroDate,
  offsetMinutes,
  parseCanonicalInstant,
  parseInstant,
} from './calendar';
import { defineTransform, TransformFailure } from './transform';

interface DatetimeArgument {
  format: DatetimeFormat;
  offset: number;
}

/**
 * `{ datetime: 'YYYYMMDDHHmmss', timezoneOffset: '+01:00' }`: a timestamp in a source layout (the
 * date layouts, `iso` or YYYYMMDDHHmmss) to ISO 8601 UTC (`2024-01-15T09:30:00.000Z`). Wall-clock
 * values are read as UTC unless `timezoneOffset` says where the source's clock is. Written back in
 * the same layout and offset.
 */
export const datetimeTransform = defineTransform<DatetimeArgument>({
  name: 'datetime',
  bareAllowed: false,
  optionKeys: ['timezoneOffset'],
  prepare: ({ argument, options }) => {
    if (!DATETIME_FORMATS.includes(argument as DatetimeFormat)) {
      throw new TransformFailure(`datetime takes one of ${DATETIME_FORMATS.join(', ')}`);
    }
    return { format: argument as DatetimeFormat, offset: offsetMinutes(options.timezoneOffset) };
  },
  read: (value, { format, offset }) => {
    if (typeof value === 'string' && isZeroDate(value.trim())) return undefined;
    return new Date(parseInstant(value, format, offset)).toISOString();
  },
  write: (value, { format, offset }) => formatInstant(parseCanonicalInstant(value), format, offset),
});
