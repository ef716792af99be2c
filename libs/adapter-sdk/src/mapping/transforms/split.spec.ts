import { compileTransform } from './transform-registry';
import { read, write } from './transform-test-kit.fixture';

describe('split and join', () => {
  it('splits and joins, inverting each other on write', () => {
    expect(read({ split: ';' }, 'a;b;c')).toEqual(['a', 'b', 'c']);
    expect(read({ split: ';' }, '')).toEqual([]);
    expect(read({ join: ', ' }, ['a', 'b'])).toBe('a, b');
    expect(write({ split: ';' }, ['a', 'b'])).toBe('a;b');
    expect(write({ join: ', ' }, 'a, b')).toEqual(['a', 'b']);
  });

  it('is applied to the whole array, not element by element', () => {
    expect(compileTransform({ join: '|' }).wholeArray).toBe(true);
    expect(() => read({ join: '|' }, 'a')).toThrow('expected an array');
  });
});
