import { read, write } from './transform-test-kit.fixture';

describe('datetime', () => {
  it('reads wall-clock layouts as UTC by default', () => {
    expect(read({ datetime: 'YYYYMMDDHHmmss' }, '20240115093000')).toBe('2024-01-15T09:30:00.000Z');
    expect(read({ datetime: 'YYYYMMDD' }, '20240115')).toBe('2024-01-15T00:00:00.000Z');
    expect(read({ datetime: 'epoch-seconds' }, 1705311000)).toBe('2024-01-15T09:30:00.000Z');
  });

  it('applies timezoneOffset to wall-clock values and writes back in that offset', () => {
    const spec = { datetime: 'YYYYMMDDHHmmss', timezoneOffset: '+01:00' };
    expect(read(spec, '20240115093000')).toBe('2024-01-15T08:30:00.000Z');
    expect(write(spec, '2024-01-15T08:30:00.000Z')).toBe('20240115093000');
  });

  it('keeps the offset an ISO value carries and reads Date objects', () => {
    expect(read({ datetime: 'iso' }, '2024-01-15T10:30:00+02:00')).toBe('2024-01-15T08:30:00.000Z');
    expect(read({ datetime: 'iso' }, '2024-01-15 10:30:00.123')).toBe('2024-01-15T10:30:00.123Z');
    expect(read({ datetime: 'iso' }, new Date('2024-01-15T10:30:00Z'))).toBe('2024-01-15T10:30:00.000Z');
  });

  it('refuses malformed values and offsets', () => {
    expect(() => read({ datetime: 'iso' }, 'yesterday')).toThrow('not an ISO 8601 date-time');
    expect(() => read({ datetime: 'YYYYMMDDHHmmss' }, '20240115256000')).toThrow(/not a valid calendar/);
    expect(() => read({ datetime: 'iso', timezoneOffset: 'CET' }, '2024-01-15')).toThrow(/timezoneOffset/);
  });
});
