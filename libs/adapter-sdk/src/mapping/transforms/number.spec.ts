import { read } from './transform-test-kit.fixture';

describe('number and integer', () => {
  it('reads numbers from strings and numbers', () => {
    expect(read('number', ' 12.50 ')).toBe(12.5);
    expect(read('number', 3)).toBe(3);
    expect(read('integer', '0042')).toBe(42);
  });

  it('refuses values a double would change, and fractions for integer', () => {
    expect(() => read('number', '12345678901234567890.1')).toThrow(/use the decimal transform/);
    expect(() => read('number', 'abc')).toThrow('not a number');
    expect(() => read('integer', '1.5')).toThrow(/whole number/);
  });
});
