import { formatDecimal, normalizeDecimal, parseDecimal } from '../decimal';
import { defineTransform, textOf, TransformFailure } from './transform';

/**
 * A JS number, for quantities that are not money. Refuses values a double cannot hold exactly
 * (use `decimal` for those). Written back as the number.
 */
export const numberTransform = defineTransform<void>({
  name: 'number',
  prepare: () => undefined,
  read: (value) => toExactNumber(value),
  write: (value) => value,
});

/** Converts to a number only when no digit is lost on the way. */
export function toExactNumber(value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TransformFailure('not a finite number');
    return value;
  }
  const decimal = parseDecimal(textOf(value, 'a number'));
  if (!decimal) throw new TransformFailure('not a number');
  const number = Number(formatDecimal(decimal));
  const roundTrip = parseDecimal(number);
  if (!roundTrip || formatDecimal(normalizeDecimal(roundTrip)) !== formatDecimal(normalizeDecimal(decimal))) {
    throw new TransformFailure('cannot be held exactly by a number; use the decimal transform');
  }
  return number;
}
