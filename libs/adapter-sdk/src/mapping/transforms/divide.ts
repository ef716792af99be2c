import { type Decimal, formatDecimal, multiplyDecimal } from '../decimal';
import { decimalOperand, exactQuotient, factorArgument } from './multiply';
import { defineTransform, TransformFailure } from './transform';

interface Divisor {
  divisor: Decimal;
  scale?: number;
}

/**
 * `{ divide: 1000 }`: unit conversion on decimal strings, exact when the quotient terminates;
 * `{ divide: 3, scale: 4 }` rounds half away from zero to that many digits. The result is a
 * decimal string. Written back by multiplying.
 */
export const divideTransform = defineTransform<Divisor>({
  name: 'divide',
  bareAllowed: false,
  optionKeys: ['scale'],
  prepare: ({ argument, options }) => {
    const scale = options.scale;
    if (scale !== undefined && (!Number.isInteger(scale) || (scale as number) < 0 || (scale as number) > 18)) {
      throw new TransformFailure('divide scale must be an integer 0..18');
    }
    return { divisor: factorArgument(argument, 'divide'), scale: scale as number | undefined };
  },
  read: (value, { divisor, scale }) => exactQuotient(decimalOperand(value), divisor, scale),
  write: (value, { divisor }) => formatDecimal(multiplyDecimal(decimalOperand(value), divisor)),
});
