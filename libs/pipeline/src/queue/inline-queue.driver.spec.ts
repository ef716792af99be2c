import { InlineQueueDriver } from './inline-queue.driver';
import { PermanentJobError } from './queue-driver';
import { QueueName } from './queue-name';

const page = (n: number) => ({ tenantId: 'default', runId: 'run', page: n });
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
/** Waits (up to 5 s, for a loaded machine) until `done()` holds, then a moment more for stragglers. */
const settleUntil = async (done: () => boolean) => {
  const deadline = Date.now() + 5000;
  while (!done() && Date.now() < deadline) await settle();
  await settle();
};

describe('InlineQueueDriver', () => {
  let driver: InlineQueueDriver;

  beforeEach(() => {
    driver = new InlineQueueDriver({ attempts: 3, backoffMs: 1 });
  });

  afterEach(() => driver.close());

  it('runs a job once per job id while it is known', async () => {
    const seen: number[] = [];
    driver.process(QueueName.Sync, async (data) => void seen.push(data.page), 1);
    await driver.enqueue(QueueName.Sync, page(1), { jobId: 'a' });
    await driver.enqueue(QueueName.Sync, page(1), { jobId: 'a' });
    await settle();
    expect(seen).toEqual([1]);
  });

  it('retries with backoff up to the attempt limit, and not after a permanent failure', async () => {
    const attempts: number[] = [];
    driver.process(
      QueueName.Sync,
      async (data, context) => {
        attempts.push(context.attempt);
        if (data.page === 1) throw new Error('flaky');
        throw new PermanentJobError('never');
      },
      1,
    );
    await driver.enqueue(QueueName.Sync, page(1));
    await settleUntil(() => attempts.length >= 3);
    expect(attempts).toEqual([1, 2, 3]);
    await driver.enqueue(QueueName.Sync, page(2));
    await settleUntil(() => attempts.length >= 4);
    expect(attempts).toEqual([1, 2, 3, 1]);
    expect(await driver.counts(QueueName.Sync)).toMatchObject({ failed: 2, completed: 0 });
  });

  it('never runs more jobs at once than its concurrency, and close() waits for the active ones', async () => {
    let running = 0;
    let most = 0;
    let finished = 0;
    driver.process(
      QueueName.Normalize,
      async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        finished++;
      },
      2,
    );
    for (let n = 0; n < 6; n++) {
      await driver.enqueue(QueueName.Normalize, {
        ...page(n),
        connectionId: 'c',
        entity: 'customer',
        fetchedAt: '',
        records: [],
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 15));
    await driver.close();
    expect(most).toBe(2);
    expect(running).toBe(0);
    expect(finished).toBeGreaterThanOrEqual(2);
    await expect(driver.enqueue(QueueName.Sync, page(9))).rejects.toThrow(/closed/);
  });
});
