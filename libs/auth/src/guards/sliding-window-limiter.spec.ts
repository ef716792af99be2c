import { SlidingWindowLimiter } from './sliding-window-limiter';

describe('SlidingWindowLimiter', () => {
  let now: number;
  const limiter = (limit: number) => new SlidingWindowLimiter(limit, 60_000, () => now);

  beforeEach(() => {
    now = 10 * 60_000;
  });

  it('allows the limit, then refuses with a retry delay, per key', () => {
    const limits = limiter(5);
    const decisions = Array.from({ length: 7 }, () => limits.hit('a'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    expect(decisions[5].retryAfterSeconds).toBeGreaterThan(0);
    expect(decisions[5].retryAfterSeconds).toBeLessThanOrEqual(120);
    expect(limits.hit('b').allowed).toBe(true);
  });

  it('weights the previous window by its overlap with the last minute', () => {
    const limits = limiter(10);
    for (let i = 0; i < 10; i += 1) expect(limits.hit('a').allowed).toBe(true);
    now += 60_000 + 6_000;
    // 90% of the previous window still counts: 9 of 10 hits
    expect(limits.hit('a').allowed).toBe(true);
    expect(limits.hit('a').allowed).toBe(false);
    now += 30_000;
    // 40% now: 4 + 1
    const allowed = Array.from({ length: 6 }, () => limits.hit('a').allowed);
    expect(allowed).toEqual([true, true, true, true, true, false]);
  });

  it('forgets a key after two quiet windows', () => {
    const limits = limiter(1);
    expect(limits.hit('a').allowed).toBe(true);
    expect(limits.hit('a').allowed).toBe(false);
    now += 120_000;
    expect(limits.hit('a').allowed).toBe(true);
  });

  it('tells a refused caller when the next hit will pass', () => {
    const limits = limiter(2);
    limits.hit('a');
    limits.hit('a');
    const refused = limits.hit('a');
    expect(refused.allowed).toBe(false);
    now += refused.retryAfterSeconds * 1000;
    expect(limits.hit('a').allowed).toBe(true);
  });
});
