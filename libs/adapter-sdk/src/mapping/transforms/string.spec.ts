import { read } from './transform-test-kit.fixture';

describe('string', () => {
  it('stringifies scalars and refuses objects', () => {
    expect(read('string', 10042)).toBe('10042');
    expect(read('string', 12n)).toBe('12');
    expect(() => read('string', [1])).toThrow('expected a scalar, got an array');
  });
});
