import { InferenceError, InferenceErrorCode } from '../inference-error';
import type { InferenceProvider, ModelInput, ModelOutput } from './inference-provider';

export interface RetryPolicy {
  /** Upper bound of one attempt (the HTTP providers also pass it to the socket). */
  timeoutMs: number;
  retries: number;
  /** First backoff; doubles per attempt (half of it jittered), up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { timeoutMs: 10_000, retries: 2, baseDelayMs: 100, maxDelayMs: 2_000 };

/**
 * Wraps a provider: each attempt is bounded by a timeout, retryable failures (unreachable, timeout,
 * 5xx, 429) are retried with exponential backoff, and the last failure surfaces as an InferenceError
 * carrying the model name and the attempt count.
 */
export class ResilientProvider implements InferenceProvider {
  constructor(
    private readonly inner: InferenceProvider,
    private readonly model: string,
    private readonly policy: RetryPolicy,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  get kind() {
    return this.inner.kind;
  }

  get describe(): string {
    return this.inner.describe;
  }

  async infer(inputs: ModelInput[], signal?: AbortSignal): Promise<ModelOutput[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(inputs, signal);
      } catch (caught) {
        const error = InferenceError.is(caught)
          ? caught
          : new InferenceError(InferenceErrorCode.ProviderUnavailable, 'provider failed unexpectedly', {
              cause: caught,
            });
        const tagged = error.withContext({ model: this.model, provider: this.inner.kind, attempts: attempt });
        if (!tagged.retryable || attempt > this.policy.retries || signal?.aborted) throw tagged;
        const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
        await this.sleep(ceiling / 2 + Math.random() * (ceiling / 2));
      }
    }
  }

  ready(): Promise<boolean> {
    return this.inner.ready();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private attempt(inputs: ModelInput[], signal?: AbortSignal): Promise<ModelOutput[]> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal?.addEventListener('abort', abort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new InferenceError(
            InferenceErrorCode.ProviderTimeout,
            `${this.inner.kind} gave no answer within ${this.policy.timeoutMs} ms`,
          ),
        );
      }, this.policy.timeoutMs);
    });
    return Promise.race([this.inner.infer(inputs, controller.signal), timeout]).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    });
  }
}
