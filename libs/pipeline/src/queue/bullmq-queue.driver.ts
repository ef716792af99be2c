import { Logger } from '@nestjs/common';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { createRedisClient, RedisClient, RedisClientOptions, RedisTarget } from '@trestle/core';
import type { RetryPolicy } from './inline-queue.driver';
import { EnqueueOptions, JobHandler, PermanentJobError, QueueDriver, Repeat } from './queue-driver';
import { JobDataOf, QueueName } from './queue-name';

export interface BullmqSettings extends RetryPolicy {
  redis: RedisTarget;
  /** QUEUE_PREFIX; on a cluster the keys go under `{prefix}`, so every queue key shares one hash slot. */
  prefix: string;
  lockMs: number;
  /** Longest an enqueue may wait for Redis (ENQUEUE_TIMEOUT_MS when absent). */
  enqueueTimeoutMs?: number;
}

/** A job stalls when its worker dies; it is handed to another worker this many times before it fails. */
const MAX_STALLED = 20;

/**
 * Longest an enqueue may take. A command in flight when the connection drops waits for a
 * reconnect, and one that keeps being reset can wait indefinitely; the caller gets an error
 * instead (a job's retry, a 503), and the job id makes trying again safe.
 */
export const ENQUEUE_TIMEOUT_MS = 5_000;

export class EnqueueTimeoutError extends Error {
  constructor(queue: QueueName, ms: number) {
    super(`Enqueue on ${queue} got no answer from Redis within ${ms} ms`);
    this.name = 'EnqueueTimeoutError';
  }
}

/**
 * BullMQ on Redis. Producers fail fast while Redis is unreachable (no offline queue), so an API
 * call answers 503 instead of hanging; workers reconnect forever and pick up where Redis left off.
 */
export class BullmqQueueDriver extends QueueDriver {
  readonly kind = 'bullmq';
  private readonly logger = new Logger('BullMQ');
  private readonly producer: RedisClient;
  private readonly prefix: string;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly connections: RedisClient[] = [];

  constructor(private readonly settings: BullmqSettings) {
    super();
    this.prefix = settings.redis.cluster ? `{${settings.prefix}}` : settings.prefix;
    this.producer = this.connect({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  }

  async enqueue<Q extends QueueName>(queue: Q, data: JobDataOf[Q], options: EnqueueOptions = {}): Promise<void> {
    const added = this.queue(queue).add(queue, data, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: this.settings.attempts,
      backoff: { type: 'exponential', delay: this.settings.backoffMs },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.settings.enqueueTimeoutMs ?? ENQUEUE_TIMEOUT_MS;
    try {
      await Promise.race([
        added,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new EnqueueTimeoutError(queue, timeoutMs)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      added.catch(() => undefined);
    }
  }

  process<Q extends QueueName>(queue: Q, handler: JobHandler<Q>, concurrency: number): void {
    const worker = new Worker(
      queue,
      async (job: Job) => {
        try {
          await handler(job.data as JobDataOf[Q], {
            id: job.id ?? '',
            attempt: job.attemptsMade + 1,
            maxAttempts: job.opts.attempts ?? 1,
          });
        } catch (error) {
          if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      {
        connection: this.connect({ maxRetriesPerRequest: null }),
        prefix: this.prefix,
        concurrency,
        lockDuration: this.settings.lockMs,
        stalledInterval: this.settings.lockMs,
        maxStalledCount: MAX_STALLED,
      },
    );
    worker.on('error', (error) => this.logger.warn({ queue, err: error.message }, 'Worker connection error'));
    worker.on('failed', (job, error) =>
      this.logger.warn({ queue, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'Job failed'),
    );
    this.workers.push(worker);
  }

  async schedule<Q extends QueueName>(
    queue: Q,
    schedulerId: string,
    repeat: Repeat,
    data: JobDataOf[Q],
  ): Promise<void> {
    await this.queue(queue).upsertJobScheduler(
      schedulerId,
      repeat.cron ? { pattern: repeat.cron, tz: 'UTC' } : { every: repeat.everyMs },
      { name: queue, data, opts: { attempts: this.settings.attempts, removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  async unschedule(queue: QueueName, schedulerId: string): Promise<void> {
    await this.queue(queue).removeJobScheduler(schedulerId);
  }

  counts(queue: QueueName): Promise<Record<string, number>> {
    return this.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.producer, prefix: this.prefix });
      queue.on('error', (error) => this.logger.warn({ queue: name, err: error.message }, 'Queue connection error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private connect(options: RedisClientOptions): RedisClient {
    const connection = createRedisClient(this.settings.redis, options);
    connection.on('error', () => undefined);
    this.connections.push(connection);
    return connection;
  }
}
