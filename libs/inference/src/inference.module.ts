import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@trestle/audit';
import { InferenceMetrics } from './batching/inference-metrics';
import { InferenceDeadLetterEntity } from './dead-letters/inference-dead-letter.entity';
import { InferenceDeadLetterRepository } from './dead-letters/inference-dead-letter.repository';
import { InferenceDeadLetterService } from './dead-letters/inference-dead-letter.service';
import { InferenceDeadLettersController } from './dead-letters/inference-dead-letters.controller';
import { DriftAlertSink, EventDriftAlertSink } from './drift/drift-alert.sink';
import { DriftCountEntity } from './drift/drift-count.entity';
import { DriftMonitor } from './drift/drift-monitor.service';
import { DriftReferenceEntity } from './drift/drift-reference.entity';
import { DriftSampleEntity } from './drift/drift-sample.entity';
import { DriftRepository } from './drift/drift.repository';
import { ModelDriftController } from './drift/model-drift.controller';
import { EnrichmentEntity } from './enrichments/enrichment.entity';
import { EnrichmentQueryService } from './enrichments/enrichment-query.service';
import { EnrichmentReader } from './enrichments/enrichment-reader.service';
import { EnrichmentRepository } from './enrichments/enrichment.repository';
import { EnrichmentsController } from './enrichments/enrichments.controller';
import { EnrichmentsResolver } from './enrichments/enrichments.resolver';
import { INFERENCE_OPTIONS, InferProcessor, type InferenceModuleOptions } from './infer.processor';
import { InferenceService } from './inference.service';
import { ModelRegistry } from './registry/model-registry.service';

export const INFERENCE_ENTITIES = [
  EnrichmentEntity,
  InferenceDeadLetterEntity,
  DriftReferenceEntity,
  DriftSampleEntity,
  DriftCountEntity,
];

/**
 * Model registry, providers, micro-batching, enrichments and decision records; consumes the
 * pipeline's `infer` queue when the pipeline is there. Global: other modules inject InferenceService
 * and EnrichmentReader.
 */
@Module({})
export class InferenceModule {
  static forRoot(options: InferenceModuleOptions = {}): DynamicModule {
    return {
      module: InferenceModule,
      global: true,
      imports: [TypeOrmModule.forFeature(INFERENCE_ENTITIES), AuditModule],
      controllers: options.api ? [EnrichmentsController, InferenceDeadLettersController, ModelDriftController] : [],
      providers: [
        { provide: INFERENCE_OPTIONS, useValue: options },
        InferenceMetrics,
        ModelRegistry,
        EnrichmentRepository,
        EnrichmentQueryService,
        EnrichmentReader,
        DriftRepository,
        DriftMonitor,
        { provide: DriftAlertSink, useClass: options.driftAlertSink ?? EventDriftAlertSink },
        InferenceService,
        InferenceDeadLetterRepository,
        InferenceDeadLetterService,
        InferProcessor,
        ...(options.api ? [EnrichmentsResolver] : []),
      ],
      exports: [InferenceService, ModelRegistry, EnrichmentReader, DriftMonitor],
    };
  }
}
