export { ConnectorsModule, CONNECTOR_ENTITIES } from './connectors.module';
export { ConnectionGateway, type ConnectionProfile } from './runtime/connection-gateway';
export { ConnectionService } from './connections/connection.service';
export { OutboundCallEvents, type OutboundCall, type OutboundCallListener } from './runtime/outbound-call';
export { AdapterRegistry } from './adapters/adapter-registry';
export { ResiliencePolicy } from './resilience/resilience-policy';
export { ResilienceSettings } from './resilience/resilience-settings';
export { ReadCacheSettings, type EffectiveReadCache } from './resilience/read-cache-settings';
