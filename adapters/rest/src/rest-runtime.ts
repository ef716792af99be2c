import type { AdapterLimits, AdapterLogger, ConnectorDefinition } from '@trestle/adapter-sdk';
import type { RestSettings } from './rest-settings';
import type { RequestAuthenticator } from './transport/request-authenticator';
import type { RestClient } from './transport/rest-client';

/** What every operation of one connection works with. */
export interface RestRuntime {
  settings: RestSettings;
  definition: ConnectorDefinition;
  limits: AdapterLimits;
  logger: AdapterLogger;
  client: RestClient;
  authenticator: RequestAuthenticator;
}
