import { read, write } from './transform-test-kit.fixture';

describe('enum', () => {
  const status = { enum: { A: 'active', I: 'inactive', B: 'blocked' } };

  it('maps trimmed codes and writes values back to their code', () => {
    expect(read(status, 'A ')).toBe('active');
    expect(write(status, 'blocked')).toBe('B');
  });

  it('fails on unknown codes unless a default is given', () => {
    expect(() => read(status, 'X')).toThrow('code is not listed in the enum');
    expect(read({ ...status, default: 'inactive' }, 'X')).toBe('inactive');
    expect(() => write(status, 'archived')).toThrow('canonical value has no source code in the enum');
  });

  it('refuses an empty enum', () => {
    expect(() => read({ enum: {} }, 'A')).toThrow(/non-empty object/);
  });
});
