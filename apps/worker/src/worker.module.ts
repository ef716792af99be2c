import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@trestle/audit';
import { AuthModule } from '@trestle/auth';
import { ConnectorsModule } from '@trestle/connectors';
import { AppConfig, ConfigModule } from '@trestle/core';
import { DatabaseModule } from '@trestle/database';
import { EventsModule } from '@trestle/events';
import { InferenceModule } from '@trestle/inference';
import { ObservabilityModule } from '@trestle/observability';
import { PipelineModule } from '@trestle/pipeline';

/** The queue-consuming process: the same contexts as the hub, no public API, health and metrics only. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule,
        DatabaseModule,
        AuthModule,
        AuditModule,
        ConnectorsModule.forRoot(),
        PipelineModule.forRoot({ consume: true }),
        InferenceModule.forRoot({ consume: true }),
        EventsModule.forRoot({ role: 'worker' }),
      ],
    };
  }
}
