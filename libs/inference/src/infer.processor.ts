import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional, Type } from '@nestjs/common';
import { Principal, trustedTenantId } from '@trestle/auth';
import { AppConfig, isCanonicalEntity, ProblemException, Scope } from '@trestle/core';
import {
  InferJobData,
  JobContext,
  PermanentJobError,
  PipelineChain,
  QueueDriver,
  QueueName,
  StoreReader,
  StoredRecord,
} from '@trestle/pipeline';
import type { DriftAlertSink } from './drift/drift-alert.sink';
import { InferenceDeadLetterService } from './dead-letters/inference-dead-letter.service';
import { InferenceService } from './inference.service';

export const INFERENCE_OPTIONS = Symbol('INFERENCE_OPTIONS');

export interface InferenceModuleOptions {
  /** Serve `GET /v1/enrichments`, `GET /v1/inference/models` and their GraphQL queries (the hub). */
  api?: boolean;
  /**
   * Consume the BullMQ `infer` queue (the worker). In-process queues are consumed by their own
   * process, as the pipeline does it.
   */
  consume?: boolean;
  /** Where drift alerts go besides the audit trail; default: a log line and a change event (EventDriftAlertSink). */
  driftAlertSink?: Type<DriftAlertSink>;
}

/**
 * The inference side of the pipeline: turns the `infer` queue on, loads the records a job names from
 * the canonical store and enriches them. While a job has attempts left, a transient provider failure
 * fails it so the queue retries it with backoff (records already scored are answered from the store);
 * after that, and at once for failures no retry can fix, each record that failed is dead-lettered
 * with its reason and the job completes: the other records and later jobs keep going.
 */
@Injectable()
export class InferProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(InferProcessor.name);

  constructor(
    @Inject(INFERENCE_OPTIONS) private readonly options: InferenceModuleOptions,
    private readonly inference: InferenceService,
    private readonly deadLetters: InferenceDeadLetterService,
    private readonly config: AppConfig,
    @Optional() private readonly queue?: QueueDriver,
    @Optional() private readonly chain?: PipelineChain,
    @Optional() private readonly store?: StoreReader,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.queue || !this.chain || !this.store) return;
    const inline = this.queue.kind === 'inline';
    const consume = this.options.consume ?? false;
    if (inline ? consume : !consume) return;
    // Every consuming process hands scored entities on, also one that leaves infer to a GPU pool.
    this.chain.enableInference((entity) => this.inference.scores(entity));
    if (!inline && !this.config.workerQueues.includes('infer')) return;
    this.queue.process(QueueName.Infer, (data, context) => this.handle(data, context), this.config.workerConcurrency);
    this.logger.log(`Consuming the infer queue (${this.queue.kind})`);
  }

  async handle(data: InferJobData, context: JobContext): Promise<void> {
    if (!isCanonicalEntity(data.entity)) throw new PermanentJobError(`unknown entity '${data.entity}'`);
    const entity = data.entity;
    const tenantId = trustedTenantId(data.tenantId);
    const reader: Principal = { kind: 'system', id: 'inference', tenantId, scopes: new Set([Scope.EntitiesRead]) };
    const store = this.store as StoreReader;
    const loaded = await Promise.all(
      data.recordIds.map((id) =>
        store.get(reader, entity, id).catch((error: unknown) => {
          if (error instanceof ProblemException && error.status === 404) return undefined;
          throw error;
        }),
      ),
    );
    const records = loaded.filter((record): record is StoredRecord => record !== undefined);
    const outcomes = await this.inference.enrich(tenantId, entity, records, { requestId: `job:${context.id}` });
    const failures = outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]));
    if (failures.length === 0) return;
    const retryable = failures.find((failure) => failure.error.retryable);
    if (retryable && context.attempt < context.maxAttempts) throw retryable.error;
    await this.deadLetters.deadLetter(tenantId, entity, failures, {
      connectionId: data.connectionId,
      jobId: context.id,
    });
    this.logger.warn(
      `${failures.length} of ${outcomes.length} inferences of job ${context.id} dead-lettered: ${failures[0].error.message}`,
    );
  }
}
