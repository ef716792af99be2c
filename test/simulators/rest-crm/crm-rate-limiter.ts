export interface RateLimit {
  requests: number;
  windowMs: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** A fixed-window limiter over the whole server: `requests` per `windowMs`, the window opening at its first request. */
export class CrmRateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(
    private limit: RateLimit | false,
    private readonly now: () => Date,
  ) {}

  configure(limit: RateLimit | false): void {
    this.limit = limit;
    this.windowStart = 0;
    this.used = 0;
  }

  take(): RateDecision {
    if (!this.limit) return { allowed: true, remaining: Number.POSITIVE_INFINITY };
    const now = this.now().getTime();
    if (now >= this.windowStart + this.limit.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used < this.limit.requests) {
      this.used++;
      return { allowed: true, remaining: this.limit.requests - this.used };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((this.windowStart + this.limit.windowMs - now) / 1000)),
    };
  }
}
