import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@trestle/core';
import { DeadLetterEntity } from './dead-letters/dead-letter.entity';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { MappingContext } from './normalize/mapping-context.service';
import { NormalizeProcessor } from './normalize/normalize.processor';
import { RecordNormalizer } from './normalize/record-normalizer.service';
import { PipelineChain } from './pipeline-chain.service';
import { PIPELINE_OPTIONS, PipelineOptions, PipelineRunner } from './pipeline-runner.service';
import { PipelineQualityFieldEntity } from './quality/pipeline-quality-field.entity';
import { PipelineQualityMetrics } from './quality/pipeline-quality-metrics';
import { PipelineQualityController } from './quality/pipeline-quality.controller';
import { PipelineQualityEntity } from './quality/pipeline-quality.entity';
import { PipelineQualityRepository } from './quality/pipeline-quality.repository';
import { PipelineQualityService } from './quality/pipeline-quality.service';
import { BullmqQueueDriver } from './queue/bullmq-queue.driver';
import { InlineQueueDriver } from './queue/inline-queue.driver';
import { QueueDriver } from './queue/queue-driver';
import { CanonicalRecordEntity } from './store/canonical-record.entity';
import { CanonicalRecordRepository } from './store/canonical-record.repository';
import { JoinKeyEntity } from './store/join-key.entity';
import { JoinKeyRepository } from './store/join-key.repository';
import { NormalizedBatchRepository } from './store/normalized-batch.repository';
import { StoreReader } from './store/store-reader.service';
import { StoreController } from './store/store.controller';
import { StoreService } from './store/store.service';
import { SyncRunPageEntity } from './sync/sync-run-page.entity';
import { SyncRunEntity } from './sync/sync-run.entity';
import { SyncRunRepository } from './sync/sync-run.repository';
import { SyncScheduleEntity } from './sync/sync-schedule.entity';
import { SyncScheduleRepository } from './sync/sync-schedule.repository';
import { SyncStateEntity } from './sync/sync-state.entity';
import { SyncStateRepository } from './sync/sync-state.repository';
import { SyncProcessor } from './sync/sync.processor';
import { SyncService } from './sync/sync.service';
import { SyncsController } from './sync/syncs.controller';

export const PIPELINE_ENTITIES = [
  SyncRunEntity,
  SyncRunPageEntity,
  SyncStateEntity,
  SyncScheduleEntity,
  CanonicalRecordEntity,
  DeadLetterEntity,
  JoinKeyEntity,
  PipelineQualityEntity,
  PipelineQualityFieldEntity,
];

export function createQueueDriver(config: AppConfig): QueueDriver {
  const retry = { attempts: config.jobAttempts, backoffMs: config.jobBackoffMs };
  return config.redisUrl
    ? new BullmqQueueDriver({
        ...retry,
        redis: { url: config.redisUrl, cluster: config.redisCluster },
        prefix: config.queuePrefix,
        lockMs: config.queueLockMs,
      })
    : new InlineQueueDriver(retry);
}

/** Syncs, normalization, the canonical store, dead letters and data-quality figures, on BullMQ (REDIS_URL) or in-process queues. */
@Module({})
export class PipelineModule {
  static forRoot(options: PipelineOptions): DynamicModule {
    return {
      module: PipelineModule,
      global: true,
      imports: [TypeOrmModule.forFeature(PIPELINE_ENTITIES)],
      controllers: [SyncsController, DeadLettersController, StoreController, PipelineQualityController],
      providers: [
        { provide: PIPELINE_OPTIONS, useValue: options },
        { provide: QueueDriver, inject: [AppConfig], useFactory: createQueueDriver },
        SyncRunRepository,
        SyncStateRepository,
        SyncScheduleRepository,
        CanonicalRecordRepository,
        NormalizedBatchRepository,
        JoinKeyRepository,
        DeadLetterRepository,
        PipelineQualityRepository,
        PipelineChain,
        MappingContext,
        RecordNormalizer,
        SyncService,
        SyncProcessor,
        NormalizeProcessor,
        DeadLetterService,
        StoreService,
        StoreReader,
        PipelineQualityService,
        PipelineQualityMetrics,
        PipelineRunner,
      ],
      exports: [StoreReader, PipelineChain, QueueDriver],
    };
  }
}
