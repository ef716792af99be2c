import { compileTransform } from './transform-registry';
import { read, write } from './transform-test-kit.fixture';

describe('boolean', () => {
  it.each([
    ['Y', true],
    ['n', false],
    ['1', true],
    [0, false],
    ['true', true],
    ['F', false],
    [' t ', true],
  ])('reads %p as %p', (code, expected) => {
    expect(read('boolean', code)).toBe(expected);
  });

  it('refuses unknown codes', () => {
    expect(() => read('boolean', 'maybe')).toThrow(/not a recognised boolean code/);
  });

  it('is writable only with explicit codes', () => {
    expect(compileTransform('boolean').invertible).toBe(false);
    const codes = { boolean: { true: 'J', false: 'N' } };
    expect(read(codes, 'J')).toBe(true);
    expect(write(codes, true)).toBe('J');
    expect(write(codes, false)).toBe('N');
  });
});
