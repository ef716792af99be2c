import { formatDecimal, losesDigits, parseDecimal, rescaleDecimal } from '../decimal';
import { defineTransform, textOf, TransformFailure } from './transform';

interface MinorUnits {
  scale: number;
}

/**
 * Integer minor units (cents) to a decimal string: 12345 -> '123.45', exactly, through BigInt.
 * `{ centsToDecimal: { scale: 3 } }` for currencies with three minor digits. Written back with
 * decimalToCents, which refuses amounts with more digits than the scale.
 */
export const centsToDecimalTransform = defineTransform<MinorUnits>({
  name: 'centsToDecimal',
  prepare: ({ argument }) => ({ scale: scaleArgument(argument, 2) }),
  read: (value, { scale }) => centsToDecimal(value, scale),
  write: (value, { scale }) => decimalToCents(value, scale),
});

/** Integer minor units to a decimal string with `scale` fractional digits. */
export function centsToDecimal(value: unknown, scale = 2): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return safeCentsToDecimal(value, scale);
  const cents = parseDecimal(textOf(value, 'an integer amount of cents'));
  if (!cents || losesDigits(cents, 0)) throw new TransformFailure('not a whole number of cents');
  return formatDecimal({ units: rescaleDecimal(cents, 0).units, scale });
}

/** The same digits formatDecimal writes, for a safe integer (no BigInt on the common path). */
function safeCentsToDecimal(cents: number, scale: number): string {
  const digits = String(Math.abs(cents)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${cents < 0 ? '-' : ''}${whole}${fraction}`;
}

/** A decimal string to integer minor units: a number when it is a safe integer, else a digit string. */
export function decimalToCents(value: unknown, scale = 2): number | string {
  const amount = parseDecimal(textOf(value, 'a decimal amount'));
  if (!amount) throw new TransformFailure('not a decimal amount');
  if (losesDigits(amount, scale)) throw new TransformFailure(`has more than ${scale} fractional digits`);
  const cents = rescaleDecimal(amount, scale).units;
  const asNumber = Number(cents);
  return Number.isSafeInteger(asNumber) ? asNumber : cents.toString();
}

/** Reads `{ scale: n }` (or nothing, for the fallback). */
export function scaleArgument(argument: unknown, fallback: number): number;
export function scaleArgument(argument: unknown, fallback?: number): number | undefined;
export function scaleArgument(argument: unknown, fallback?: number): number | undefined {
  if (argument === undefined || argument === null) return fallback;
  const scale = (argument as { scale?: unknown }).scale;
  if (typeof argument !== 'object' || !Number.isInteger(scale) || (scale as number) < 0 || (scale as number) > 18) {
    throw new TransformFailure('takes { scale: <integer 0..18> } or no argument');
  }
  return scale as number;
}
