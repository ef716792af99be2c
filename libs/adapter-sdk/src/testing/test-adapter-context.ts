import type { AdapterContext, AdapterLimits } from '../adapter';
import type { ConnectorDefinition } from '../connector-definition';
import { captureLogger } from './capture-logger';

/** Limits used by testAdapterContext unless overridden: 10 s per call, 10 MiB per response. */
export const TEST_ADAPTER_LIMITS: AdapterLimits = { timeoutMs: 10_000, maxResponseBytes: 10 * 1024 * 1024 };

/**
 * Builds the AdapterContext an adapter's connect() receives in the hub, for tests: settings,
 * credentials and definition as given, a captured logger unless one is given, and test limits.
 */
export function testAdapterContext<Settings = Record<string, unknown>>(
  context: Pick<AdapterContext<Settings>, 'settings' | 'definition'> & Partial<AdapterContext<Settings>>,
): AdapterContext<Settings> {
  return {
    credentials: {},
    logger: captureLogger(),
    ...context,
    limits: { ...TEST_ADAPTER_LIMITS, ...context.limits },
  };
}

/** A minimal connector definition for tests: one entity bound to the given operations and fields. */
export function testConnectorDefinition(
  adapter: string,
  entities: ConnectorDefinition['entities'],
  passthrough?: ConnectorDefinition['passthrough'],
): ConnectorDefinition {
  return { name: `${adapter}-test`, adapter, version: '1', entities, passthrough };
}
