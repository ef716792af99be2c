import { read, write } from './transform-test-kit.fixture';

describe('multiply and divide', () => {
  it('converts units exactly on decimal strings', () => {
    expect(read({ multiply: 1000 }, '1.234')).toBe('1234');
    expect(read({ multiply: '0.001' }, 1234)).toBe('1.234');
    expect(read({ multiply: 3 }, '0.1')).toBe('0.3');
    expect(read({ divide: 100 }, '12345')).toBe('123.45');
  });

  it('inverts on write', () => {
    expect(write({ multiply: 1000 }, '1234')).toBe('1.234');
    expect(write({ divide: 100 }, '123.45')).toBe('12345');
  });

  it('needs a scale for non-terminating quotients', () => {
    expect(() => read({ divide: 3 }, '1')).toThrow(/not a terminating decimal/);
    expect(read({ divide: 3, scale: 4 }, '2')).toBe('0.6667');
  });

  it('refuses a zero factor', () => {
    expect(() => read({ multiply: 0 }, '1')).toThrow(/non-zero/);
  });
});
