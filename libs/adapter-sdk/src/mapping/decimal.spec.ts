import { divideDecimal, formatDecimal, multiplyDecimal, parseDecimal } from './decimal';

const d = (text: string) => parseDecimal(text)!;

describe('decimal arithmetic', () => {
  it('parses exponents and signs and formats exactly', () => {
    expect(formatDecimal(d('1.5e3'))).toBe('1500');
    expect(formatDecimal(d('-.05'))).toBe('-0.05');
    expect(formatDecimal(d('-0.00'))).toBe('0.00');
    expect(parseDecimal('1.2.3')).toBeUndefined();
    expect(parseDecimal(Number.NaN)).toBeUndefined();
  });

  it('multiplies and divides without floats', () => {
    expect(formatDecimal(multiplyDecimal(d('0.1'), d('0.2')))).toBe('0.02');
    expect(formatDecimal(divideDecimal(d('1'), d('8'))!)).toBe('0.125');
    expect(divideDecimal(d('1'), d('0'))).toBeUndefined();
    expect(formatDecimal(divideDecimal(d('-1'), d('3'), 2)!)).toBe('-0.33');
  });
});
