import { AdapterError } from '@trestle/adapter-sdk';
import { watermarkValue } from './watermark';

describe('watermarkValue', () => {
  const since = '2025-03-04T05:06:07.890+01:00';
  it.each([
    ['iso', '2025-03-04T04:06:07.890Z'],
    ['epoch-seconds', 1741061167],
    ['epoch-millis', 1741061167890],
    ['yyyymmdd', '20250304'],
    ['yyyymmddhhmmss', '20250304040607'],
  ] as const)('writes %s', (format, expected) => {
    expect(watermarkValue(since, { param: 'ModifiedSince', format })).toBe(expected);
  });

  it("refuses a value that is not an ISO instant with 'rejected'", () => {
    expect(() => watermarkValue('yesterday', { param: 'ModifiedSince' })).toThrow(AdapterError);
  });
});
