import { Logger } from '@nestjs/common';
import { defaultRepeatStrategy } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { EnqueueOptions, JobHandler, PermanentJobError, QueueDriver, Repeat } from './queue-driver';
import { JobDataOf, QueueName } from './queue-name';

interface InlineJob {
  id: string;
  data: unknown;
  attempt: number;
}

interface InlineQueue {
  handler?: JobHandler<QueueName>;
  concurrency: number;
  waiting: InlineJob[];
  active: Set<Promise<void>>;
  known: Set<string>;
  failed: number;
  completed: number;
}

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/**
 * Queues in this process, for a hub without Redis: same contract as BullMQ (dedup by job id,
 * retries with exponential backoff, concurrency, schedules), nothing survives a restart.
 */
export class InlineQueueDriver extends QueueDriver {
  readonly kind = 'inline';
  private readonly logger = new Logger('InlineQueue');
  private readonly queues = new Map<QueueName, InlineQueue>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly retry: RetryPolicy) {
    super();
  }

  async enqueue<Q extends QueueName>(queue: Q, data: JobDataOf[Q], options: EnqueueOptions = {}): Promise<void> {
    if (this.closed) throw new Error('The inline queue is closed');
    const state = this.queue(queue);
    const id = options.jobId ?? randomUUID();
    if (state.known.has(id)) return;
    state.known.add(id);
    const job = { id, data, attempt: 1 };
    if (options.delayMs) this.later(options.delayMs, () => this.push(queue, job));
    else this.push(queue, job);
  }

  process<Q extends QueueName>(queue: Q, handler: JobHandler<Q>, concurrency: number): void {
    const state = this.queue(queue);
    state.handler = handler as JobHandler<QueueName>;
    state.concurrency = concurrency;
    this.pump(queue);
  }

  async schedule<Q extends QueueName>(
    queue: Q,
    schedulerId: string,
    repeat: Repeat,
    data: JobDataOf[Q],
  ): Promise<void> {
    await this.unschedule(queue, schedulerId);
    const key = `${queue}/${schedulerId}`;
    const arm = () => {
      const now = Date.now();
      const next = repeat.cron
        ? (defaultRepeatStrategy(now, { pattern: repeat.cron, tz: 'UTC' }) ?? now)
        : now + (repeat.everyMs ?? 0);
      const timer = setTimeout(
        () => {
          if (this.closed) return;
          void this.enqueue(queue, data).catch(() => undefined);
          arm();
        },
        Math.max(0, next - now),
      );
      timer.unref();
      this.schedules.set(key, timer);
    };
    arm();
  }

  async unschedule(queue: QueueName, schedulerId: string): Promise<void> {
    const key = `${queue}/${schedulerId}`;
    clearTimeout(this.schedules.get(key));
    this.schedules.delete(key);
  }

  async counts(queue: QueueName): Promise<Record<string, number>> {
    const state = this.queue(queue);
    return {
      waiting: state.waiting.length,
      active: state.active.size,
      completed: state.completed,
      failed: state.failed,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of [...this.timers, ...this.schedules.values()]) clearTimeout(timer);
    this.timers.clear();
    this.schedules.clear();
    for (;;) {
      const active = [...this.queues.values()].flatMap((state) => [...state.active]);
      if (active.length === 0) return;
      await Promise.allSettled(active);
    }
  }

  private queue(name: QueueName): InlineQueue {
    let state = this.queues.get(name);
    if (!state) {
      state = { concurrency: 1, waiting: [], active: new Set(), known: new Set(), failed: 0, completed: 0 };
      this.queues.set(name, state);
    }
    return state;
  }

  private push(queue: QueueName, job: InlineJob): void {
    if (this.closed) return;
    this.queue(queue).waiting.push(job);
    this.pump(queue);
  }

  private pump(queue: QueueName): void {
    const state = this.queue(queue);
    while (!this.closed && state.handler && state.active.size < state.concurrency && state.waiting.length > 0) {
      const job = state.waiting.shift() as InlineJob;
      const run = this.run(queue, state, job).finally(() => {
        state.active.delete(run);
        this.pump(queue);
      });
      state.active.add(run);
    }
  }

  private async run(queue: QueueName, state: InlineQueue, job: InlineJob): Promise<void> {
    const handler = state.handler as JobHandler<QueueName>;
    // Yield to I/O first: with a synchronous database driver a chain of jobs would otherwise starve the server.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      await handler(job.data as JobDataOf[QueueName], {
        id: job.id,
        attempt: job.attempt,
        maxAttempts: this.retry.attempts,
      });
      state.known.delete(job.id);
      state.completed += 1;
    } catch (error) {
      const final = error instanceof PermanentJobError || job.attempt >= this.retry.attempts;
      this.logger.warn(
        {
          queue,
          jobId: job.id,
          attempt: job.attempt,
          final,
          err: error instanceof Error ? error.message : String(error),
        },
        'Job failed',
      );
      if (final) {
        state.known.delete(job.id);
        state.failed += 1;
        return;
      }
      const delay = this.retry.backoffMs * 2 ** (job.attempt - 1);
      this.later(delay, () => this.push(queue, { ...job, attempt: job.attempt + 1 }));
    }
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
}
