import { InferenceError, InferenceErrorCode } from '../inference-error';

export interface MicroBatcherOptions {
  /** Most requests in one provider call. */
  maxBatch: number;
  /** Longest a request waits for others before a partial batch goes out. */
  maxWaitMs: number;
  /** Provider calls in flight at once; requests queue meanwhile and go out together. */
  maxConcurrent: number;
  /** Requests waiting beyond this are refused with a retryable `overloaded` error. */
  maxQueued: number;
  /**
   * Whether a failed call of several requests is split in halves and each half tried again, so that
   * one bad input fails alone. Default: never.
   */
  isolate?: (error: unknown) => boolean;
}

export interface BatchObserver {
  batch(size: number, durationMs: number, outcome: 'success' | 'failure'): void;
  request(latencyMs: number, outcome: 'success' | 'failure'): void;
}

interface Pending<I, O> {
  item: I;
  enqueuedAt: number;
  resolve(output: O): void;
  reject(error: unknown): void;
}

/**
 * Collects requests until `maxBatch` of them wait or the oldest has waited `maxWaitMs`, then makes one
 * call for all of them and hands each caller its own output. A failed call fails only its own batch
 * (or, with `isolate`, only the requests that fail on their own); later batches go out as usual.
 */
export class MicroBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private timer?: NodeJS.Timeout;
  private due = false;
  private inFlight = 0;
  private closed = false;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: MicroBatcherOptions,
    private readonly observer?: BatchObserver,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  submit(item: I): Promise<O> {
    if (this.closed) {
      return Promise.reject(new InferenceError(InferenceErrorCode.Closed, 'the batcher is shut down'));
    }
    if (this.queue.length >= this.options.maxQueued) {
      return Promise.reject(
        new InferenceError(InferenceErrorCode.Overloaded, `more than ${this.options.maxQueued} requests waiting`),
      );
    }
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, enqueuedAt: performance.now(), resolve, reject });
      this.pump();
    });
  }

  /** Sends what is queued without waiting, then resolves once every batch in flight has settled. */
  async close(): Promise<void> {
    this.closed = true;
    this.due = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 || this.running.size > 0) {
      this.pump();
      await Promise.allSettled([...this.running]);
    }
  }

  private pump(): void {
    while (this.inFlight < this.options.maxConcurrent && this.queue.length > 0) {
      if (this.queue.length < this.options.maxBatch && !this.due) break;
      this.dispatch();
    }
    if (this.queue.length === 0) {
      this.due = false;
      clearTimeout(this.timer);
      this.timer = undefined;
    } else if (!this.timer && !this.due) {
      const waited = performance.now() - this.queue[0].enqueuedAt;
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.due = true;
          this.pump();
        },
        Math.max(0, this.options.maxWaitMs - waited),
      );
    }
  }

  private dispatch(): void {
    const batch = this.queue.splice(0, this.options.maxBatch);
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0 || performance.now() - this.queue[0].enqueuedAt < this.options.maxWaitMs) {
      this.due = this.closed;
    }
    this.inFlight++;
    const started = performance.now();
    const done = this.execute(batch, started).finally(() => {
      this.inFlight--;
      this.running.delete(done);
      this.pump();
    });
    this.running.add(done);
  }

  private async execute(batch: Pending<I, O>[], started: number): Promise<void> {
    let outputs: O[];
    try {
      outputs = await this.run(batch.map((pending) => pending.item));
      if (!Array.isArray(outputs) || outputs.length !== batch.length) {
        throw new InferenceError(
          InferenceErrorCode.InvalidResponse,
          `${Array.isArray(outputs) ? outputs.length : 'no'} outputs for a batch of ${batch.length}`,
        );
      }
    } catch (error) {
      const finished = performance.now();
      this.observer?.batch(batch.length, finished - started, 'failure');
      if (batch.length > 1 && this.options.isolate?.(error)) {
        const half = Math.ceil(batch.length / 2);
        await this.execute(batch.slice(0, half), performance.now());
        await this.execute(batch.slice(half), performance.now());
        return;
      }
      for (const pending of batch) {
        this.observer?.request(finished - pending.enqueuedAt, 'failure');
        pending.reject(error);
      }
      return;
    }
    const finished = performance.now();
    this.observer?.batch(batch.length, finished - started, 'success');
    batch.forEach((pending, index) => {
      this.observer?.request(finished - pending.enqueuedAt, 'success');
      pending.resolve(outputs[index]);
    });
  }
}
