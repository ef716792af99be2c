import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AdapterDefinition } from '@trestle/adapter-sdk';
import { ReadinessRegistry } from '@trestle/observability';
import { AdapterRegistry, BUILTIN_ADAPTERS } from './adapters/adapter-registry';
import { SHIPPED_ADAPTERS } from './adapters/builtin-adapters';
import { ConnectionEntity } from './connections/connection.entity';
import { ConnectionRepository } from './connections/connection.repository';
import { ConnectionService } from './connections/connection.service';
import { AdaptersController, ConnectionsController } from './connections/connections.controller';
import { ConnectionGateway } from './runtime/connection-gateway';
import { ConnectorMetrics } from './runtime/connector-metrics';
import { OutboundCallEvents } from './runtime/outbound-call';

export const CONNECTOR_ENTITIES = [ConnectionEntity];

/** Connections to legacy systems: registry, credential sealing, adapter kinds and plugins, resilience. */
@Module({})
export class ConnectorsModule implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly gateway: ConnectionGateway,
  ) {}

  /** `adapters` replaces the shipped kinds (tests register fakes); plugins from ADAPTER_PLUGINS come on top. */
  static forRoot(adapters: AdapterDefinition[] = SHIPPED_ADAPTERS): DynamicModule {
    return {
      module: ConnectorsModule,
      global: true,
      imports: [TypeOrmModule.forFeature(CONNECTOR_ENTITIES)],
      controllers: [ConnectionsController, AdaptersController],
      providers: [
        { provide: BUILTIN_ADAPTERS, useValue: adapters },
        AdapterRegistry,
        ConnectionRepository,
        ConnectionService,
        ConnectionGateway,
        ConnectorMetrics,
        OutboundCallEvents,
      ],
      exports: [ConnectionGateway, ConnectionService, OutboundCallEvents, AdapterRegistry],
    };
  }

  onModuleInit(): void {
    this.readiness.register('connections', async () => {
      const states = this.gateway.states();
      const open = states.filter((state) => state.breaker === 'open').map((state) => state.connectionId);
      return { up: true, details: { used: states.length, openBreakers: open } };
    });
  }
}
