import { AdapterError } from '@trestle/adapter-sdk';
import { ResiliencePolicy } from './resilience-policy';

const settings = {
  timeoutMs: 100,
  retries: 2,
  breakerThreshold: 3,
  breakerHalfOpenAfterMs: 200,
  maxConcurrent: 2,
  maxQueued: 1,
  maxResponseBytes: 1024,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ResiliencePolicy', () => {
  it('aborts the attempt signal at the timeout and reports a timeout', async () => {
    const policy = new ResiliencePolicy({ ...settings, retries: 0 });
    let aborted = false;
    const started = Date.now();
    const failure = policy.execute('read', (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise(() => undefined);
    });
    await expect(failure).rejects.toMatchObject({ name: 'AdapterError', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(400);
    expect(aborted).toBe(true);
  });

  it('retries retryable failures of reads only', async () => {
    const policy = new ResiliencePolicy(settings);
    let readAttempts = 0;
    const value = await policy.execute('read', async () => {
      readAttempts += 1;
      if (readAttempts < 3) throw new AdapterError('unreachable', 'down');
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(readAttempts).toBe(3);

    let writeAttempts = 0;
    await expect(
      policy.execute('write', async () => {
        writeAttempts += 1;
        throw new AdapterError('unreachable', 'down');
      }),
    ).rejects.toMatchObject({ code: 'unreachable' });
    expect(writeAttempts).toBe(1);
  });

  it('does not retry or count a rejected request against the breaker', async () => {
    const policy = new ResiliencePolicy({ ...settings, breakerThreshold: 1 });
    let attempts = 0;
    await expect(
      policy.execute('read', async () => {
        attempts += 1;
        throw new AdapterError('rejected', 'bad input');
      }),
    ).rejects.toMatchObject({ code: 'rejected' });
    expect(attempts).toBe(1);
    expect(policy.state).toBe('closed');
  });

  it('opens after consecutive failures, fails fast while open, and closes after a good trial call', async () => {
    const policy = new ResiliencePolicy({ ...settings, retries: 0 });
    for (let i = 0; i < 3; i += 1) {
      await expect(
        policy.execute('read', async () => Promise.reject(new AdapterError('unreachable', 'down'))),
      ).rejects.toBeDefined();
    }
    expect(policy.state).toBe('open');
    let called = false;
    const started = Date.now();
    await expect(
      policy.execute('read', async () => {
        called = true;
        return 1;
      }),
    ).rejects.toMatchObject({ code: 'unreachable', details: { circuit: 'open' } });
    expect(called).toBe(false);
    expect(Date.now() - started).toBeLessThan(20);

    await sleep(250);
    await expect(policy.execute('read', async () => 'back')).resolves.toBe('back');
    expect(policy.state).toBe('closed');
  });

  it('limits calls in flight and refuses beyond the queue', async () => {
    const policy = new ResiliencePolicy({ ...settings, timeoutMs: 5000 });
    let running = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const work = () =>
      policy.execute('read', async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => release.push(resolve));
        running -= 1;
        return 'done';
      });
    const first = [work(), work(), work()];
    await expect(work()).rejects.toMatchObject({ code: 'rate_limited' });
    await sleep(10);
    expect(peak).toBe(2);
    while (release.length) {
      release.shift()?.();
      await sleep(5);
    }
    await expect(Promise.all(first)).resolves.toEqual(['done', 'done', 'done']);
  });

  it('separate policies do not affect each other', async () => {
    const broken = new ResiliencePolicy({ ...settings, retries: 0, breakerThreshold: 1 });
    const healthy = new ResiliencePolicy(settings);
    await expect(
      broken.execute('read', async () => Promise.reject(new AdapterError('timeout', 'slow'))),
    ).rejects.toBeDefined();
    expect(broken.state).toBe('open');
    await expect(healthy.execute('read', async () => 'fine')).resolves.toBe('fine');
  });
});
