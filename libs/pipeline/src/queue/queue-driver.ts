import { JobDataOf, QueueName } from './queue-name';

export interface JobContext {
  id: string;
  /** 1-based. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<Q extends QueueName> = (data: JobDataOf[Q], context: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /** Deduplicates: a job with the same id that is still known to the queue is not added again. */
  jobId?: string;
  delayMs?: number;
}

/** When a scheduled job fires: a cron pattern (UTC) or a fixed interval. */
export interface Repeat {
  cron?: string;
  everyMs?: number;
}

/** Thrown by a handler for a failure no retry can fix; the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/**
 * Where jobs go and who runs them: BullMQ on Redis, or the in-process inline driver. Both retry a
 * failed job with exponential backoff and run each queue's handler with bounded concurrency.
 */
export abstract class QueueDriver {
  abstract readonly kind: 'bullmq' | 'inline';
  abstract enqueue<Q extends QueueName>(queue: Q, data: JobDataOf[Q], options?: EnqueueOptions): Promise<void>;
  abstract process<Q extends QueueName>(queue: Q, handler: JobHandler<Q>, concurrency: number): void;
  abstract schedule<Q extends QueueName>(
    queue: Q,
    schedulerId: string,
    repeat: Repeat,
    data: JobDataOf[Q],
  ): Promise<void>;
  abstract unschedule(queue: QueueName, schedulerId: string): Promise<void>;
  /** Jobs per state, for operators and tests. */
  abstract counts(queue: QueueName): Promise<Record<string, number>>;
  /** Stops taking jobs and waits for the active ones to finish. */
  abstract close(): Promise<void>;
}
