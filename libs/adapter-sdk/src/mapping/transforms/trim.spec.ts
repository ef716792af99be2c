import { read, write } from './transform-test-kit.fixture';

describe('trim, upper, lower', () => {
  it('trims CHAR padding and changes case, leaving numbers alone', () => {
    expect(read('trim', '  ACME GmbH   ')).toBe('ACME GmbH');
    expect(read('upper', 'de')).toBe('DE');
    expect(read('lower', 'Info@ACME.example')).toBe('info@acme.example');
    expect(read('trim', 42)).toBe(42);
  });

  it('refuses objects and writes back as given', () => {
    expect(() => read('trim', { a: 1 })).toThrow('expected a string, got a object');
    expect(write('upper', 'x')).toBe('x');
  });
});
