/**
 * Exact decimal arithmetic on strings, through BigInt: a value is `units / 10^scale`. Money and
 * quantities never pass through a JS float here.
 */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d+\.?\d*|\.\d+)(?:e([+-]?\d+))?$/i;
const MAX_SCALE = 30;

/** Parses a decimal string (or a finite number or bigint); undefined when it is not one. */
export function parseDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return parseDecimal(Number.isSafeInteger(value) ? value.toFixed(0) : String(value));
  }
  if (typeof value !== 'string') return undefined;
  const match = DECIMAL_TEXT.exec(value.trim());
  if (!match) return undefined;
  const [, sign, body, exponent] = match;
  const [whole, fraction = ''] = body.split('.');
  let units = BigInt(`${whole || '0'}${fraction}`);
  let scale = fraction.length - Number(exponent ?? 0);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (scale > MAX_SCALE + 20) return undefined;
  return { units: sign === '-' ? -units : units, scale };
}

/** Drops trailing fractional zeros: 1.500 -> 1.5, 2.00 -> 2. */
export function normalizeDecimal(value: Decimal): Decimal {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return { units, scale };
}

/** Rescales to exactly `scale` fractional digits, rounding half away from zero when digits are dropped. */
export function rescaleDecimal(value: Decimal, scale: number): Decimal {
  if (scale >= value.scale) return { units: value.units * 10n ** BigInt(scale - value.scale), scale };
  const divisor = 10n ** BigInt(value.scale - scale);
  return { units: roundedDivision(value.units, divisor), scale };
}

/** Whether rescaling to `scale` would lose digits. */
export function losesDigits(value: Decimal, scale: number): boolean {
  return scale < value.scale && value.units % 10n ** BigInt(value.scale - scale) !== 0n;
}

/** Writes `units / 10^scale` as a plain decimal string: `-0.05`, `123.45`, `7`. */
export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = value.scale > 0 ? `.${digits.slice(digits.length - value.scale)}` : '';
  return `${negative && value.units !== 0n ? '-' : ''}${whole}${fraction}`;
}

/** The exact product. */
export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return normalizeDecimal({ units: a.units * b.units, scale: a.scale + b.scale });
}

/**
 * The quotient: exact when it terminates within 30 fractional digits; otherwise rounded half away
 * from zero to `scale` digits when a scale is given, else undefined.
 */
export function divideDecimal(a: Decimal, b: Decimal, scale?: number): Decimal | undefined {
  if (b.units === 0n) return undefined;
  for (let digits = 0; digits <= MAX_SCALE; digits++) {
    const numerator = a.units * 10n ** BigInt(digits + b.scale);
    const denominator = b.units * 10n ** BigInt(a.scale);
    if (numerator % denominator === 0n) {
      const exact = normalizeDecimal({ units: numerator / denominator, scale: digits });
      return scale === undefined ? exact : rescaleDecimal(exact, scale);
    }
  }
  if (scale === undefined) return undefined;
  const numerator = a.units * 10n ** BigInt(scale + b.scale);
  return { units: roundedDivision(numerator, b.units * 10n ** BigInt(a.scale)), scale };
}

function roundedDivision(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n + d / 2n) / d;
  return negative ? -quotient : quotient;
}
