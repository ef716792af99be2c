import { compileTransform, TRANSFORM_NAMES } from './transform-registry';

describe('transform registry', () => {
  it('offers exactly the closed set', () => {
    expect([...TRANSFORM_NAMES].sort()).toEqual(
      [
        'boolean',
        'centsToDecimal',
        'date',
        'datetime',
        'decimal',
        'divide',
        'enum',
        'integer',
        'join',
        'lower',
        'multiply',
        'number',
        'split',
        'string',
        'trim',
        'upper',
      ].sort(),
    );
  });

  it('rejects unknown names, two names in one spec and unknown options', () => {
    expect(() => compileTransform('rot13')).toThrow("unknown transform 'rot13'");
    expect(() => compileTransform({ upper: true, lower: true })).toThrow(/more than one transform/);
    expect(() => compileTransform({ date: 'YYYYMMDD', timezoneOffset: '+01:00' })).toThrow(
      /no option 'timezoneOffset'/,
    );
  });
});
