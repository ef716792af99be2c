export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
  /** Seconds to wait before a refused caller may try again (0 when allowed). */
  retryAfterSeconds: number;
}

interface Window {
  start: number;
  current: number;
  previous: number;
}

/**
 * A sliding-window counter per key: the hits of the current window plus those of the previous
 * window weighted by how much of it still overlaps the last `windowMs`. Constant time and memory
 * per key, whatever the rate (a log of every hit costs a scan of the whole log per request).
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, Window>();
  private sweptAt = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): LimitDecision {
    const now = this.now();
    const start = now - (now % this.windowMs);
    this.sweep(start);
    let window = this.windows.get(key);
    if (!window) {
      window = { start, current: 0, previous: 0 };
      this.windows.set(key, window);
    } else if (window.start !== start) {
      window.previous = window.start === start - this.windowMs ? window.current : 0;
      window.current = 0;
      window.start = start;
    }
    const overlap = 1 - (now - start) / this.windowMs;
    const estimate = window.previous * overlap + window.current;
    const resetSeconds = Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
    if (estimate + 1 > this.limit) {
      return {
        allowed: false,
        limit: this.limit,
        remaining: 0,
        resetSeconds,
        retryAfterSeconds: this.retryAfterSeconds(window, now),
      };
    }
    window.current += 1;
    return {
      allowed: true,
      limit: this.limit,
      remaining: Math.max(0, Math.floor(this.limit - estimate - 1)),
      resetSeconds,
      retryAfterSeconds: 0,
    };
  }

  /** When the estimate will have dropped enough for one more hit, assuming no hit until then. */
  private retryAfterSeconds(window: Window, now: number): number {
    const room = this.limit - 1;
    let at: number;
    if (window.previous > 0 && window.current <= room) {
      at = window.start + (1 - (room - window.current) / window.previous) * this.windowMs;
    } else {
      at = window.start + this.windowMs + (window.current > 0 ? 1 - room / window.current : 0) * this.windowMs;
    }
    return Math.max(1, Math.ceil((at - now) / 1000));
  }

  private sweep(start: number): void {
    if (start - this.sweptAt < this.windowMs) return;
    this.sweptAt = start;
    for (const [key, window] of this.windows) {
      if (window.start < start - this.windowMs) this.windows.delete(key);
    }
  }
}
