import { formatDecimal, normalizeDecimal, parseDecimal, rescaleDecimal } from '../decimal';
import { scaleArgument } from './cents-to-decimal';
import { defineTransform, textOf, TransformFailure } from './transform';

/**
 * A decimal string, normalized without float arithmetic: ' 0012.500 ' -> '12.5'; with
 * `{ decimal: { scale: 2 } }` exactly two fractional digits ('12.50'), rounding half away from
 * zero. Accepts numbers too (database DECIMAL columns). Written back as the decimal string.
 */
export const decimalTransform = defineTransform<number | undefined>({
  name: 'decimal',
  prepare: ({ argument }) => scaleArgument(argument),
  read: (value, scale) => {
    const decimal = parseDecimal(textOf(value, 'a decimal'));
    if (!decimal) throw new TransformFailure('not a decimal number');
    return formatDecimal(scale === undefined ? normalizeDecimal(decimal) : rescaleDecimal(decimal, scale));
  },
  write: (value) => {
    const decimal = parseDecimal(textOf(value, 'a decimal'));
    if (!decimal) throw new TransformFailure('not a decimal number');
    return formatDecimal(normalizeDecimal(decimal));
  },
});
