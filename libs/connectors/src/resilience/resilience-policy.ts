import { AdapterError } from '@trestle/adapter-sdk';
import {
  BulkheadPolicy,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  BrokenCircuitError,
  bulkhead,
  BulkheadRejectedError,
  circuitBreaker,
  handleWhen,
  retry,
  TaskCancelledError,
  IPolicy,
  wrap,
} from 'cockatiel';
import type { EffectiveResilience } from './resilience-settings';

export type CallKind = 'read' | 'write';

export interface CallObservation {
  attempts: number;
}

/**
 * Timeout, retry (reads only), circuit breaker and bulkhead for one legacy system. The per-attempt
 * timeout is its own (cockatiel's aborts a fresh AbortController after every attempt, even a
 * successful one, and building that AbortError costs more than a fast legacy call).
 */
export class ResiliencePolicy {
  readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private readonly readPolicy: IPolicy;
  private readonly writePolicy: IPolicy;

  constructor(readonly settings: EffectiveResilience) {
    const failures = handleWhen((error) => !AdapterError.is(error) || isSystemFailure(error));
    this.breaker = circuitBreaker(failures, {
      halfOpenAfter: settings.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    });
    this.bulkhead = bulkhead(settings.maxConcurrent, settings.maxQueued);
    const retries = retry(
      handleWhen((error) => AdapterError.is(error) && error.retryable),
      { maxAttempts: settings.retries, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 2000 }) },
    );
    this.readPolicy = wrap(this.bulkhead, retries, this.breaker);
    this.writePolicy = wrap(this.bulkhead, this.breaker);
  }

  get state(): 'closed' | 'open' | 'half-open' | 'isolated' {
    switch (this.breaker.state) {
      case CircuitState.Open:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Isolated:
        return 'isolated';
      default:
        return 'closed';
    }
  }

  get inFlight(): number {
    return this.settings.maxConcurrent - this.bulkhead.executionSlots;
  }

  /**
   * Runs fn under the policy. The signal handed to fn aborts when the attempt times out or the caller
   * aborts, so the adapter can drop the socket. Policy rejections become AdapterErrors.
   */
  async execute<T>(
    kind: CallKind,
    fn: (signal: AbortSignal, attempt: number) => Promise<T>,
    signal?: AbortSignal,
    observation: CallObservation = { attempts: 0 },
  ): Promise<T> {
    const policy = kind === 'read' ? this.readPolicy : this.writePolicy;
    try {
      return await policy.execute(({ signal: outer }) => this.attempt(fn, outer, ++observation.attempts), signal);
    } catch (error) {
      throw this.translate(error, signal);
    }
  }

  /**
   * One attempt within timeoutMs: at the deadline (or when the caller aborts) the attempt's signal
   * aborts and the attempt fails at once, whether or not fn heeds the signal.
   */
  private attempt<T>(
    fn: (signal: AbortSignal, attempt: number) => Promise<T>,
    outer: AbortSignal,
    attempt: number,
  ): Promise<T> {
    if (outer.aborted) return Promise.reject(new TaskCancelledError('The call was cancelled.'));
    const controller = new AbortController();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (error: unknown, value?: T) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outer.removeEventListener('abort', onOuterAbort);
        if (error === undefined) resolve(value as T);
        else reject(error);
      };
      const cut = (reason: string) => {
        settle(new TaskCancelledError(reason));
        controller.abort();
      };
      const onOuterAbort = () => cut('The call was cancelled.');
      const timer = setTimeout(
        () => cut(`Operation timed out after ${this.settings.timeoutMs}ms`),
        this.settings.timeoutMs,
      );
      outer.addEventListener('abort', onOuterAbort, { once: true });
      let running: Promise<T>;
      try {
        running = fn(controller.signal, attempt);
      } catch (error) {
        return settle(error ?? new Error('attempt failed'));
      }
      running.then(
        (value) => settle(undefined, value),
        (error: unknown) => settle(error ?? new Error('attempt failed')),
      );
    });
  }

  private translate(error: unknown, callerSignal?: AbortSignal): unknown {
    if (error instanceof BrokenCircuitError) {
      return new AdapterError(
        'unreachable',
        'The circuit breaker is open: the system failed repeatedly and is given time to recover.',
        {
          retryable: true,
          retryAfterMs: this.settings.breakerHalfOpenAfterMs,
          details: { circuit: 'open' },
        },
      );
    }
    if (error instanceof BulkheadRejectedError) {
      return new AdapterError('rate_limited', 'Too many calls are waiting for this system already.', {
        details: { bulkhead: 'full' },
      });
    }
    // cockatiel 3's isTaskCancelledError() tests the wrong marker; instanceof is reliable
    if (error instanceof TaskCancelledError) {
      return callerSignal?.aborted
        ? new AdapterError('timeout', 'The call was cancelled by the caller.', { retryable: false })
        : new AdapterError('timeout', `No answer within ${this.settings.timeoutMs} ms.`);
    }
    return error;
  }
}

/** Failures that say the system is unhealthy (and count towards the breaker), as opposed to a bad request. */
function isSystemFailure(error: AdapterError): boolean {
  return error.code === 'unreachable' || error.code === 'timeout' || error.code === 'invalid_response';
}
