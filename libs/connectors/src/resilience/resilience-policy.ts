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
  timeout,
  TimeoutStrategy,
  IPolicy,
  wrap,
} from 'cockatiel';
import type { EffectiveResilience } from './resilience-settings';

export type CallKind = 'read' | 'write';

export interface CallObservation {
  attempts: number;
}

/** Timeout, retry (reads only), circuit breaker and bulkhead for one legacy system. */
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
    const perAttemptTimeout = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
    const retries = retry(
      handleWhen((error) => AdapterError.is(error) && error.retryable),
      { maxAttempts: settings.retries, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 2000 }) },
    );
    this.readPolicy = wrap(this.bulkhead, retries, this.breaker, perAttemptTimeout);
    this.writePolicy = wrap(this.bulkhead, this.breaker, perAttemptTimeout);
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
      return await policy.execute(({ signal: attemptSignal }) => fn(attemptSignal, ++observation.attempts), signal);
    } catch (error) {
      throw this.translate(error, signal);
    }
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
