import { InferenceError, InferenceErrorCode } from '../inference-error';
import type { InferenceProvider, ModelInput, ModelOutput } from './inference-provider';
import { ResilientProvider } from './resilient.provider';

function provider(behaviour: (attempt: number, signal?: AbortSignal) => Promise<ModelOutput[]>) {
  let attempts = 0;
  const inner: InferenceProvider = {
    kind: 'kserve-v2',
    describe: 'fake',
    infer: (_inputs: ModelInput[], signal?: AbortSignal) => behaviour(++attempts, signal),
    ready: async () => true,
    close: async () => undefined,
  };
  return { inner, attempts: () => attempts };
}

const POLICY = { timeoutMs: 200, retries: 2, baseDelayMs: 10, maxDelayMs: 40 };

describe('ResilientProvider', () => {
  it('retries transient failures with growing backoff, then answers', async () => {
    const delays: number[] = [];
    const fake = provider(async (attempt) => {
      if (attempt < 3) throw new InferenceError(InferenceErrorCode.ProviderUnavailable, 'answered 503');
      return [[0.5]];
    });
    const resilient = new ResilientProvider(fake.inner, 'm', POLICY, async (ms) => void delays.push(ms));

    await expect(resilient.infer([[1]])).resolves.toEqual([[0.5]]);

    expect(fake.attempts()).toBe(3);
    expect(delays[0]).toBeGreaterThanOrEqual(5);
    expect(delays[0]).toBeLessThanOrEqual(10);
    expect(delays[1]).toBeGreaterThanOrEqual(10);
    expect(delays[1]).toBeLessThanOrEqual(20);
  });

  it('gives up after the last retry with a typed error naming the model and the attempts', async () => {
    const fake = provider(async () => {
      throw new InferenceError(InferenceErrorCode.ProviderUnreachable, 'connection refused');
    });
    const resilient = new ResilientProvider(fake.inner, 'order-anomaly', POLICY, async () => undefined);

    const error = await resilient.infer([[1]]).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InferenceError);
    expect(error).toMatchObject({
      code: 'provider_unreachable',
      model: 'order-anomaly',
      provider: 'kserve-v2',
      attempts: 3,
    });
    expect(fake.attempts()).toBe(3);
  });

  it('does not retry what a retry cannot fix', async () => {
    const fake = provider(async () => {
      throw new InferenceError(InferenceErrorCode.ProviderRejected, 'answered 400');
    });
    const resilient = new ResilientProvider(fake.inner, 'm', POLICY, async () => undefined);

    await expect(resilient.infer([[1]])).rejects.toMatchObject({ code: 'provider_rejected', attempts: 1 });
    expect(fake.attempts()).toBe(1);
  });

  it('bounds each attempt by the timeout and aborts the slow call', async () => {
    const aborted: boolean[] = [];
    const fake = provider(
      (_attempt, signal) =>
        new Promise((resolve) => {
          signal?.addEventListener('abort', () => aborted.push(true));
          setTimeout(() => resolve([[1]]), 5_000).unref();
        }),
    );
    const resilient = new ResilientProvider(
      fake.inner,
      'm',
      { ...POLICY, timeoutMs: 30, retries: 1 },
      async () => undefined,
    );

    await expect(resilient.infer([[1]])).rejects.toMatchObject({ code: 'provider_timeout', attempts: 2 });
    expect(aborted).toEqual([true, true]);
  });
});
