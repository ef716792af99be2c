import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@trestle/core';
import { AuthModule } from '@trestle/auth';
import { DatabaseModule } from '@trestle/database';
import { ObservabilityModule } from '@trestle/observability';

/** The HTTP process: composes the bounded contexts, owns nothing itself. */
@Module({})
export class HubModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: HubModule,
      imports: [ConfigModule.forRoot(config), ObservabilityModule, DatabaseModule, AuthModule],
    };
  }
}
