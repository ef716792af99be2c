/** Wait before try `attempt + 1`: base * 2^(attempt-1), capped, with up to 20% jitter so retries spread out. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 - 0.2 * random()));
}
