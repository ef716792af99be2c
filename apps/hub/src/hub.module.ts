import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriverConfig } from '@nestjs/mercurius';
import { AuditModule } from '@trestle/audit';
import { AdminKeyBootstrap, AuthModule } from '@trestle/auth';
import { ConnectorsModule } from '@trestle/connectors';
import { AppConfig, ConfigModule } from '@trestle/core';
import { DatabaseModule } from '@trestle/database';
import { EventsModule } from '@trestle/events';
import { InferenceModule } from '@trestle/inference';
import { ObservabilityModule } from '@trestle/observability';
import { PipelineModule } from '@trestle/pipeline';
import { UnifiedModule } from '@trestle/unified';
import { ConsoleModule } from './console/console.module';
import { DemoModule } from './demo/demo.module';
import { graphqlOptions } from './graphql.config';

/** The HTTP process: composes the bounded contexts and, being the one operators start first, mints the bootstrap admin key. */
@Module({})
export class HubModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: HubModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule,
        DatabaseModule,
        AuthModule,
        AuditModule,
        ConnectorsModule.forRoot(),
        PipelineModule.forRoot({ consume: false }),
        InferenceModule.forRoot({ api: true }),
        UnifiedModule,
        EventsModule.forRoot({ role: 'hub' }),
        GraphQLModule.forRoot<MercuriusDriverConfig>(graphqlOptions(config)),
        DemoModule,
        ConsoleModule,
      ],
      providers: [AdminKeyBootstrap],
    };
  }
}
