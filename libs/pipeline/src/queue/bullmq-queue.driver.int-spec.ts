import { randomBytes } from 'node:crypto';
import { type FaultProxy, startFaultProxy } from '../../../../test/support/fault-proxy';
import { BullmqQueueDriver, EnqueueTimeoutError } from './bullmq-queue.driver';
import { QueueName } from './queue-name';

describe('BullmqQueueDriver enqueue against a Redis that stops answering', () => {
  let proxy: FaultProxy;
  let driver: BullmqQueueDriver;

  beforeEach(async () => {
    proxy = await startFaultProxy({ upstream: 6379 });
    driver = new BullmqQueueDriver({
      attempts: 1,
      backoffMs: 100,
      redis: { url: `redis://127.0.0.1:${proxy.port}`, cluster: false },
      prefix: `trestle-enqueue-${randomBytes(4).toString('hex')}`,
      lockMs: 30_000,
      enqueueTimeoutMs: 1_000,
    });
  });

  afterEach(async () => {
    proxy.setMode({ kind: 'reset' });
    await driver.close().catch(() => undefined);
    await proxy.close();
  });

  const job = (page: number) => ({ tenantId: 'default', runId: 'run-1', page });

  it('fails within its time limit when the connection swallows the command', async () => {
    await driver.enqueue(QueueName.Sync, job(0), { jobId: 'run-1.read.0' });

    proxy.setMode({ kind: 'black-hole' });
    const asked = Date.now();
    await expect(driver.enqueue(QueueName.Sync, job(1), { jobId: 'run-1.read.1' })).rejects.toBeInstanceOf(
      EnqueueTimeoutError,
    );
    expect(Date.now() - asked).toBeGreaterThanOrEqual(900);
    expect(Date.now() - asked).toBeLessThan(5_000);
  });

  it('fails within its time limit while every reconnect is reset, and works again once Redis answers', async () => {
    await driver.enqueue(QueueName.Sync, job(0), { jobId: 'run-1.read.0' });

    proxy.setMode({ kind: 'reset' });
    const asked = Date.now();
    await expect(driver.enqueue(QueueName.Sync, job(1), { jobId: 'run-1.read.1' })).rejects.toThrow();
    expect(Date.now() - asked).toBeLessThan(5_000);

    proxy.setMode({ kind: 'pass' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const added = await driver.enqueue(QueueName.Sync, job(1), { jobId: 'run-1.read.1' }).then(
        () => true,
        () => false,
      );
      if (added) break;
      if (Date.now() > deadline) throw new Error('enqueue did not recover after Redis came back');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
