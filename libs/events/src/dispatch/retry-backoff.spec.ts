import { retryDelayMs } from './retry-backoff';

describe('retry backoff', () => {
  it('doubles from the base per try and stops at the cap', () => {
    const none = () => 0;
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, 60_000, none))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30, 1000, 60_000, none)).toBe(60_000);
  });

  it('takes off at most a fifth as jitter', () => {
    expect(retryDelayMs(3, 1000, 60_000, () => 1)).toBe(3200);
    expect(retryDelayMs(3, 1000, 60_000, () => 0.5)).toBe(3600);
  });
});
