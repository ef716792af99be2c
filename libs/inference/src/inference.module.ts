import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEventRepository, AuditModule, AuditWriter } from '@trestle/audit';
import { InferenceMetrics } from './batching/inference-metrics';
import { EnrichmentEntity } from './enrichments/enrichment.entity';
import { EnrichmentQueryService } from './enrichments/enrichment-query.service';
import { EnrichmentRepository } from './enrichments/enrichment.repository';
import { EnrichmentsController } from './enrichments/enrichments.controller';
import { EnrichmentsResolver } from './enrichments/enrichments.resolver';
import { InferenceService } from './inference.service';
import { ModelRegistry } from './registry/model-registry.service';

export const INFERENCE_ENTITIES = [EnrichmentEntity];

export interface InferenceModuleOptions {
  /**
   * Serve `GET /v1/enrichments`, `GET /v1/inference/models` and their GraphQL queries (the hub). Without
   * it (the worker) no route is added and decisions are audited through a writer of this module's own,
   * so the worker never exposes the audit API.
   */
  api?: boolean;
}

/** Model registry, providers, micro-batching, enrichments and decision records. Global: the pipeline injects InferenceService. */
@Module({})
export class InferenceModule {
  static forRoot(options: InferenceModuleOptions = {}): DynamicModule {
    return {
      module: InferenceModule,
      global: true,
      imports: [TypeOrmModule.forFeature(INFERENCE_ENTITIES), ...(options.api ? [AuditModule] : [])],
      controllers: options.api ? [EnrichmentsController] : [],
      providers: [
        InferenceMetrics,
        ModelRegistry,
        EnrichmentRepository,
        EnrichmentQueryService,
        InferenceService,
        ...(options.api ? [EnrichmentsResolver] : [AuditEventRepository, AuditWriter]),
      ],
      exports: [InferenceService, ModelRegistry],
    };
  }
}
