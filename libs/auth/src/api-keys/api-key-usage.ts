import type { ApiKeyRepository } from './api-key.repository';

/** How often recorded uses are written; `lastUsedAt` lags real use by at most this much. */
export const USAGE_FLUSH_MS = 30_000;

/**
 * Batches the "last used" time of API keys: authentication records a use in memory, and one
 * write per used key goes out every USAGE_FLUSH_MS (and on flush(), e.g. before keys are listed
 * or the process stops), so no read request waits for a database write.
 */
export class ApiKeyUsage {
  private pending = new Map<string, Date>();
  private flushing?: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly keys: ApiKeyRepository) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), USAGE_FLUSH_MS);
    this.timer.unref();
  }

  record(id: string, at: Date = new Date()): void {
    this.pending.set(id, at);
  }

  /** Writes every use recorded so far. */
  async flush(): Promise<void> {
    await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = (async () => {
      for (const [id, at] of batch) {
        try {
          await this.keys.touch(id, at);
        } catch (error) {
          if (!this.pending.has(id)) this.pending.set(id, at);
          throw error;
        }
        batch.delete(id);
      }
    })()
      .catch((error: unknown) => {
        for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
        throw error;
      })
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }
}
