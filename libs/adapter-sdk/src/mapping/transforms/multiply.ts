import { type Decimal, divideDecimal, formatDecimal, multiplyDecimal, parseDecimal } from '../decimal';
import { defineTransform, textOf, TransformFailure } from './transform';

/** Reads the factor of multiply/divide: a non-zero number or decimal string. */
export function factorArgument(argument: unknown, name: string): Decimal {
  const factor = typeof argument === 'number' || typeof argument === 'string' ? parseDecimal(argument) : undefined;
  if (!factor || factor.units === 0n) throw new TransformFailure(`${name} takes a non-zero number or decimal string`);
  return factor;
}

/** Parses a source or canonical value as a decimal for arithmetic. */
export function decimalOperand(value: unknown): Decimal {
  const decimal = parseDecimal(textOf(value, 'a number'));
  if (!decimal) throw new TransformFailure('not a decimal number');
  return decimal;
}

/** Divides exactly, failing when the quotient does not terminate. */
export function exactQuotient(value: Decimal, divisor: Decimal, scale?: number): string {
  const quotient = divideDecimal(value, divisor, scale);
  if (!quotient) throw new TransformFailure('the quotient is not a terminating decimal; give a scale');
  return formatDecimal(quotient);
}

/**
 * `{ multiply: 1000 }` (or `'0.001'`): unit conversion on decimal strings, exactly (kg from tonnes,
 * cents from units). The result is a decimal string. Written back by dividing.
 */
export const multiplyTransform = defineTransform<Decimal>({
  name: 'multiply',
  bareAllowed: false,
  prepare: ({ argument }) => factorArgument(argument, 'multiply'),
  read: (value, factor) => formatDecimal(multiplyDecimal(decimalOperand(value), factor)),
  write: (value, factor) => exactQuotient(decimalOperand(value), factor),
});
