import { AdapterError } from '@trestle/adapter-sdk';

/**
 * The bound of one adapter call: aborts `signal` when the caller's signal aborts or when
 * `timeoutMs` has passed since the call began (token fetch, request, body and any 429 wait included).
 */
export class CallScope {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = performance.now();
  private timedOut = false;
  private readonly onCallerAbort = () => this.controller.abort();

  constructor(
    readonly timeoutMs: number,
    private readonly callerSignal?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (callerSignal?.aborted) this.controller.abort();
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** Milliseconds left before the timeout. */
  get remainingMs(): number {
    return Math.max(0, this.timeoutMs - (performance.now() - this.startedAt));
  }

  get aborted(): boolean {
    return this.signal.aborted;
  }

  /** The AdapterError saying why the call was cut: its timeout, or the caller's abort. */
  abortError(what: string): AdapterError {
    return this.timedOut
      ? new AdapterError('timeout', `${what} timed out after ${this.timeoutMs} ms`, {
          details: { timeoutMs: this.timeoutMs },
        })
      : new AdapterError('timeout', `${what} was aborted by the caller`, { retryable: false });
  }

  /** Throws abortError when the call is already cut. */
  throwIfAborted(what: string): void {
    if (this.aborted) throw this.abortError(what);
  }

  /** Resolves after `ms`, or rejects with abortError as soon as the call is cut. */
  sleep(ms: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.aborted) return reject(this.abortError(what));
      const onAbort = () => {
        clearTimeout(timer);
        reject(this.abortError(what));
      };
      const timer = setTimeout(() => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Waits for `work`, rejecting with abortError as soon as the call is cut (work itself is not stopped). */
  race<T>(work: Promise<T>, what: string): Promise<T> {
    if (this.aborted) return Promise.reject(this.abortError(what));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.abortError(what));
      this.signal.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => this.signal.removeEventListener('abort', onAbort));
    });
  }

  /** Releases the timer and the caller-signal listener; call once the call is over. */
  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** Runs `work` inside a fresh CallScope and disposes of it afterwards. */
export async function withCallScope<T>(
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  work: (scope: CallScope) => Promise<T>,
): Promise<T> {
  const scope = new CallScope(timeoutMs, callerSignal);
  try {
    return await work(scope);
  } finally {
    scope.dispose();
  }
}
