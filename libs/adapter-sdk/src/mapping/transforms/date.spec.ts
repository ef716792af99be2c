import { read, write } from './transform-test-kit.fixture';

describe('date', () => {
  it.each([
    ['YYYYMMDD', '20240229', '2024-02-29'],
    ['YYYYMMDD', 20240115, '2024-01-15'],
    ['YYYY-MM-DD', '2024-01-15', '2024-01-15'],
    ['DD.MM.YYYY', '15.01.2024', '2024-01-15'],
    ['MM/DD/YYYY', '01/15/2024', '2024-01-15'],
    ['epoch-seconds', 1705276800, '2024-01-15'],
    ['epoch-millis', '1705276800000', '2024-01-15'],
  ])('reads %s %p as %s and writes it back', (format, source, iso) => {
    expect(read({ date: format }, source)).toBe(iso);
    expect(String(write({ date: format }, iso))).toBe(String(source));
  });

  it('reads all-zero legacy dates as absent and refuses impossible dates', () => {
    expect(read({ date: 'YYYYMMDD' }, '00000000')).toBeUndefined();
    expect(() => read({ date: 'YYYYMMDD' }, '20230229')).toThrow('not a valid calendar date or time');
    expect(() => read({ date: 'YYYYMMDD' }, '2024-01-15')).toThrow('not a YYYYMMDD date');
  });

  it('refuses a bare date and unknown layouts', () => {
    expect(() => read('date', '20240101')).toThrow(/needs an argument/);
    expect(() => read({ date: 'YYMMDD' }, '240101')).toThrow(/date takes one of/);
  });
});
