import { InferenceError, InferenceErrorCode } from '../inference-error';
import { MicroBatcher, MicroBatcherOptions } from './micro-batcher';

const OPTIONS: MicroBatcherOptions = { maxBatch: 16, maxWaitMs: 5, maxConcurrent: 1, maxQueued: 10_000 };

function recordingRun(delayMs = 1) {
  const calls: number[][] = [];
  const run = async (items: number[]) => {
    calls.push(items);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return items.map((item) => item * 10);
  };
  return { calls, run };
}

describe('MicroBatcher', () => {
  it('answers 64 concurrent requests with at most 5 calls of at most 16, each caller getting its own output', async () => {
    const { calls, run } = recordingRun();
    const batcher = new MicroBatcher(run, OPTIONS);
    const inputs = Array.from({ length: 64 }, (_, i) => i);

    const outputs = await Promise.all(inputs.map((input) => batcher.submit(input)));

    expect(outputs).toEqual(inputs.map((input) => input * 10));
    expect(calls.length).toBeLessThanOrEqual(5);
    expect(Math.max(...calls.map((call) => call.length))).toBeLessThanOrEqual(16);
    expect(calls.flat().sort((a, b) => a - b)).toEqual(inputs);
  });

  it('sends a partial batch once the oldest request has waited maxWaitMs', async () => {
    const { calls, run } = recordingRun();
    const batcher = new MicroBatcher(run, { ...OPTIONS, maxWaitMs: 30 });
    const started = performance.now();

    const outputs = await Promise.all([batcher.submit(1), batcher.submit(2), batcher.submit(3)]);

    expect(outputs).toEqual([10, 20, 30]);
    expect(calls).toEqual([[1, 2, 3]]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('keeps at most maxConcurrent calls in flight and batches what queued meanwhile', async () => {
    let inFlight = 0;
    let peak = 0;
    const sizes: number[] = [];
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        sizes.push(items.length);
        peak = Math.max(peak, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        return items;
      },
      { ...OPTIONS, maxBatch: 8, maxWaitMs: 0, maxConcurrent: 2 },
    );

    await Promise.all(Array.from({ length: 40 }, (_, i) => batcher.submit(i)));

    expect(peak).toBe(2);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(40);
    expect(sizes.length).toBeLessThanOrEqual(7);
  });

  it('fails only the batch whose call failed; later batches are served', async () => {
    let call = 0;
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        call++;
        if (call === 1) throw new InferenceError(InferenceErrorCode.ProviderUnavailable, 'down');
        return items;
      },
      { ...OPTIONS, maxBatch: 4 },
    );

    const first = await Promise.allSettled([1, 2, 3, 4].map((i) => batcher.submit(i)));
    const second = await Promise.all([5, 6].map((i) => batcher.submit(i)));

    expect(first.every((result) => result.status === 'rejected')).toBe(true);
    expect((first[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'provider_unavailable' });
    expect(second).toEqual([5, 6]);
  });

  it('with isolate, splits a refused batch until only the requests that fail alone fail', async () => {
    const calls: number[][] = [];
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        calls.push(items);
        if (items.includes(13)) {
          throw new InferenceError(InferenceErrorCode.ProviderRejected, 'bad input', { status: 400 });
        }
        return items.map((item) => item * 10);
      },
      { ...OPTIONS, maxBatch: 8, isolate: (error) => InferenceError.is(error) && error.inputSpecific },
    );

    const results = await Promise.allSettled([10, 11, 12, 13, 14, 15, 16, 17].map((i) => batcher.submit(i)));

    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([
      100,
      110,
      120,
      'failed',
      140,
      150,
      160,
      170,
    ]);
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'provider_rejected' });
    expect(calls).toEqual([
      [10, 11, 12, 13, 14, 15, 16, 17],
      [10, 11, 12, 13],
      [10, 11],
      [12, 13],
      [12],
      [13],
      [14, 15, 16, 17],
    ]);
  });

  it('with isolate, does not split a batch failing for a reason no input causes (provider down)', async () => {
    let calls = 0;
    const batcher = new MicroBatcher(
      async () => {
        calls++;
        throw new InferenceError(InferenceErrorCode.ProviderUnreachable, 'down');
      },
      { ...OPTIONS, maxBatch: 4, isolate: (error) => InferenceError.is(error) && error.inputSpecific },
    );

    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => batcher.submit(i)));

    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(calls).toBe(1);
  });

  it('rejects a call that answers the wrong number of outputs', async () => {
    const batcher = new MicroBatcher(async (items: number[]) => items.slice(1), { ...OPTIONS, maxWaitMs: 0 });

    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });

  it('refuses requests beyond maxQueued with a retryable overloaded error', async () => {
    const { run } = recordingRun(20);
    const batcher = new MicroBatcher(run, { ...OPTIONS, maxBatch: 2, maxQueued: 2 });
    const accepted = [1, 2, 3, 4].map((i) => batcher.submit(i));

    const refused = batcher.submit(5).catch((error: unknown) => error);

    await expect(refused).resolves.toMatchObject({ code: 'overloaded', retryable: true });
    await expect(Promise.all(accepted)).resolves.toEqual([10, 20, 30, 40]);
  });

  it('reports batch sizes and latencies to its observer', async () => {
    const batches: [number, string][] = [];
    const requests: string[] = [];
    const { run } = recordingRun();
    const batcher = new MicroBatcher(run, OPTIONS, {
      batch: (size, _ms, outcome) => batches.push([size, outcome]),
      request: (_ms, outcome) => requests.push(outcome),
    });

    await Promise.all(Array.from({ length: 16 }, (_, i) => batcher.submit(i)));

    expect(batches).toEqual([[16, 'success']]);
    expect(requests).toHaveLength(16);
  });

  it('flushes waiting requests on close and refuses new ones', async () => {
    const { calls, run } = recordingRun();
    const batcher = new MicroBatcher(run, { ...OPTIONS, maxWaitMs: 10_000 });
    const pending = batcher.submit(7);

    await batcher.close();

    await expect(pending).resolves.toBe(70);
    expect(calls).toEqual([[7]]);
    await expect(batcher.submit(8)).rejects.toMatchObject({ code: 'closed' });
  });
});
