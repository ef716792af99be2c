import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor';
import { watermarkValue } from './watermark';
import { GRAMMARS } from '../transport/sql-driver';

describe('keyset cursor', () => {
  it('round-trips string, number and bigint keys and rejects foreign cursors', () => {
    expect(decodeKeysetCursor(encodeKeysetCursor('C000007 '))).toBe('C000007 ');
    expect(decodeKeysetCursor(encodeKeysetCursor(42))).toBe(42);
    expect(decodeKeysetCursor(encodeKeysetCursor(9007199254740993n))).toBe('9007199254740993');
    expect(() => decodeKeysetCursor('bm90IGpzb24')).toThrow('the cursor is not valid for this listing');
    expect(() => decodeKeysetCursor(Buffer.from('{"k":{"$ne":1}}').toString('base64url'))).toThrow(/not valid/);
  });
});

describe('watermark', () => {
  const since = '2024-03-05T07:08:09.123Z';
  it.each([
    [undefined, 'postgres', '2024-03-05T07:08:09.123Z'],
    ['iso', 'mysql', '2024-03-05 07:08:09.123'],
    ['epoch-seconds', 'sqlite', 1709622489],
    ['epoch-millis', 'sqlite', 1709622489123],
    ['yyyymmdd', 'postgres', '20240305'],
    ['yyyymmddhhmmss', 'postgres', '20240305070809'],
  ] as const)('writes format %s for %s', (format, dialect, expected) => {
    expect(watermarkValue(since, { param: 'UPD', format }, GRAMMARS[dialect])).toBe(expected);
  });

  it('rejects a malformed instant', () => {
    expect(() => watermarkValue('last tuesday', { param: 'UPD' }, GRAMMARS.postgres)).toThrow(/not an ISO 8601/);
  });
});
