import { read, write } from './transform-test-kit.fixture';

describe('decimal', () => {
  it('normalizes without float arithmetic', () => {
    expect(read('decimal', ' 0012.500 ')).toBe('12.5');
    expect(read('decimal', '0.1')).toBe('0.1');
    expect(read('decimal', '123456789012345678901234.5')).toBe('123456789012345678901234.5');
    expect(read('decimal', 1e21)).toBe('1000000000000000000000');
  });

  it('fixes the scale, rounding half away from zero', () => {
    expect(read({ decimal: { scale: 2 } }, '12.5')).toBe('12.50');
    expect(read({ decimal: { scale: 2 } }, '2.675')).toBe('2.68');
    expect(read({ decimal: { scale: 2 } }, '-2.675')).toBe('-2.68');
  });

  it('refuses non-numbers and writes decimal strings back', () => {
    expect(() => read('decimal', '12,5')).toThrow('not a decimal number');
    expect(write('decimal', '12.50')).toBe('12.5');
  });
});
