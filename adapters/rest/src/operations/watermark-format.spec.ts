import { formatWatermark } from './watermark-format';

describe('formatWatermark', () => {
  it('writes the instant in each supported format, in UTC', () => {
    const since = '2024-03-05T06:07:08+02:00';
    expect(formatWatermark(since, 'iso')).toBe('2024-03-05T04:07:08.000Z');
    expect(formatWatermark(since, 'epoch-seconds')).toBe(String(Date.UTC(2024, 2, 5, 4, 7, 8) / 1000));
    expect(formatWatermark(since, 'epoch-millis')).toBe(String(Date.UTC(2024, 2, 5, 4, 7, 8)));
    expect(formatWatermark(since, 'yyyymmdd')).toBe('20240305');
    expect(formatWatermark(since, 'yyyymmddhhmmss')).toBe('20240305040708');
  });

  it("refuses what is not an instant with AdapterError 'rejected'", () => {
    expect(() => formatWatermark('yesterday')).toThrow(expect.objectContaining({ code: 'rejected' }));
  });
});
