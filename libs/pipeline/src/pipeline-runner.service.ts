import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditWriter } from '@trestle/audit';
import { AppConfig } from '@trestle/core';
import { ReadinessRegistry } from '@trestle/observability';
import { NormalizeProcessor } from './normalize/normalize.processor';
import { QueueDriver } from './queue/queue-driver';
import { QueueName } from './queue/queue-name';
import { SyncRunRepository } from './sync/sync-run.repository';
import { SyncProcessor } from './sync/sync.processor';
import { SyncService } from './sync/sync.service';

export const PIPELINE_OPTIONS = Symbol('PIPELINE_OPTIONS');

export interface PipelineOptions {
  /** Consume the BullMQ queues (the worker). In-process queues are always consumed by their own process. */
  consume: boolean;
}

/**
 * Wires processors to queues at start and drains them at shutdown: active jobs finish and their
 * audit events are committed before the database closes. A process with in-process queues also owns the schedules and
 * fails runs its previous life left behind; with BullMQ the hub arms schedules and workers consume.
 */
@Injectable()
export class PipelineRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PipelineRunner.name);

  constructor(
    @Inject(PIPELINE_OPTIONS) private readonly options: PipelineOptions,
    private readonly queue: QueueDriver,
    private readonly config: AppConfig,
    private readonly syncs: SyncService,
    private readonly runs: SyncRunRepository,
    private readonly syncProcessor: SyncProcessor,
    private readonly normalizeProcessor: NormalizeProcessor,
    private readonly readiness: ReadinessRegistry,
    private readonly audit: AuditWriter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const inline = this.queue.kind === 'inline';
    this.readiness.register('queues', async () => ({
      up: true,
      details: { driver: this.queue.kind, consuming: inline ? !this.options.consume : this.options.consume },
    }));
    if (inline && this.options.consume) {
      this.logger.warn('No REDIS_URL: a worker has no queue to consume; the hub runs the pipeline in-process');
      return;
    }
    if (inline) {
      const failed = await this.runs.failActiveOfEveryTenant({
        code: 'interrupted',
        message: 'The process running this sync stopped; start it again.',
      });
      if (failed > 0) this.logger.warn(`${failed} sync run(s) interrupted by the last shutdown marked failed`);
    }
    if (inline || this.options.consume) {
      const concurrency = this.config.workerConcurrency;
      const consumes = (queue: 'sync' | 'normalize') => inline || this.config.workerQueues.includes(queue);
      if (consumes('sync')) {
        this.queue.process(QueueName.SyncTrigger, (data) => this.syncProcessor.trigger(data), 1);
        this.queue.process(QueueName.Sync, (data, context) => this.syncProcessor.readPage(data, context), concurrency);
      }
      if (consumes('normalize')) {
        this.queue.process(
          QueueName.Normalize,
          (data, context) => this.normalizeProcessor.handle(data, context),
          concurrency,
        );
      }
      const queues = (['sync', 'normalize'] as const).filter(consumes);
      if (queues.length > 0) {
        this.logger.log(`Consuming ${queues.join(', ')} (${this.queue.kind}, concurrency ${concurrency})`);
      }
    }
    if (!this.options.consume) await this.syncs.armAll();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.syncProcessor.stop();
    await this.queue.close();
    await this.audit.drain();
  }
}
