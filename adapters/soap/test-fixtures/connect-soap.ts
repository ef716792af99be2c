import { join } from 'node:path';
import {
  type AdapterConnection,
  type AdapterLimits,
  type AdapterLogger,
  type ConnectorDefinition,
  loadConnectorDefinition,
} from '@trestle/adapter-sdk';
import { testAdapterContext } from '@trestle/adapter-sdk/testing';
import soapAdapter, { type SoapSettings } from '@trestle/adapter-soap';

export const ERP_DEFINITION_PATH = join(__dirname, '..', 'examples', 'soap-erp.connector.yaml');

/** The example ERP definition, parsed and checked like the hub does. */
export function erpDefinition(): Promise<ConnectorDefinition> {
  return loadConnectorDefinition(ERP_DEFINITION_PATH);
}

/** Opens a SOAP connection the way the hub would: definition settings overridden by the connection's. */
export function connectSoap(options: {
  definition: ConnectorDefinition;
  settings: Partial<SoapSettings>;
  credentials?: Record<string, string>;
  logger?: AdapterLogger;
  limits?: Partial<AdapterLimits>;
}): Promise<AdapterConnection> {
  const settings: Record<string, unknown> = { ...options.definition.settings, ...options.settings };
  return soapAdapter.connect(
    testAdapterContext({
      settings,
      definition: options.definition,
      credentials: options.credentials ?? {},
      ...(options.logger ? { logger: options.logger } : {}),
      limits: { timeoutMs: 5000, maxResponseBytes: 10 * 1024 * 1024, ...options.limits },
    }),
  );
}
