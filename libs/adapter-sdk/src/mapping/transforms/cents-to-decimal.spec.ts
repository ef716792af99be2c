import { centsToDecimal, decimalToCents } from './cents-to-decimal';
import { read, write } from './transform-test-kit.fixture';

describe('centsToDecimal', () => {
  it.each([
    [12345, '123.45'],
    ['5', '0.05'],
    [-5, '-0.05'],
    [0, '0.00'],
    ['900719925474099312', '9007199254740993.12'],
  ])('reads %p cents as %s exactly', (cents, decimal) => {
    expect(read('centsToDecimal', cents)).toBe(decimal);
  });

  it('supports other minor-unit scales', () => {
    expect(read({ centsToDecimal: { scale: 3 } }, 1234)).toBe('1.234');
  });

  it('writes back with decimalToCents, exactly, keeping big values as digit strings', () => {
    expect(write('centsToDecimal', '123.45')).toBe(12345);
    expect(decimalToCents('0.1')).toBe(10);
    expect(decimalToCents('9007199254740993.12')).toBe('900719925474099312');
    expect(centsToDecimal(decimalToCents('19.99'))).toBe('19.99');
  });

  it('refuses fractional cents and over-precise amounts', () => {
    expect(() => read('centsToDecimal', '12.5')).toThrow('not a whole number of cents');
    expect(() => write('centsToDecimal', '1.005')).toThrow('has more than 2 fractional digits');
  });
});
