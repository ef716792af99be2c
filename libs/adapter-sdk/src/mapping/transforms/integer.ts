import { toExactNumber } from './number';
import { defineTransform, TransformFailure } from './transform';

/** A safe integer (line numbers, quantities, counters). Written back as the number. */
export const integerTransform = defineTransform<void>({
  name: 'integer',
  prepare: () => undefined,
  read: (value) => {
    const number = toExactNumber(value);
    if (!Number.isSafeInteger(number)) throw new TransformFailure('not a whole number within the safe integer range');
    return number;
  },
  write: (value) => value,
});
