import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@trestle/core';
import { DatabaseModule } from '@trestle/database';
import { ObservabilityModule } from '@trestle/observability';

/** The queue-consuming process: the same contexts as the hub, no public API, health and metrics only. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), ObservabilityModule, DatabaseModule],
    };
  }
}
