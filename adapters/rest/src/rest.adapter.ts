import { AdapterError, defineAdapter } from '@trestle/adapter-sdk';
import { RestConnection } from './rest-connection';
import { REST_OPERATION_SCHEMA } from './rest-operation-spec';
import {
  REST_CREDENTIALS_SCHEMA,
  REST_SETTINGS_SCHEMA,
  type RestCredentials,
  type RestSettings,
} from './rest-settings';
import { HttpTransport } from './transport/http-transport';
import { createAuthenticator } from './transport/request-authenticator';
import { RestClient } from './transport/rest-client';
import { SecretScrubber } from './transport/secret-scrubber';

/** The vendor-REST adapter (kind `rest`): JSON or XML over HTTP(S) with axios. */
export const restAdapter = defineAdapter<RestSettings>({
  kind: 'rest',
  displayName: 'Vendor REST API',
  description:
    'JSON or XML over HTTP(S): API key, basic or OAuth2 client-credentials auth; cursor, page or offset paging.',
  settingsSchema: REST_SETTINGS_SCHEMA,
  credentialsSchema: REST_CREDENTIALS_SCHEMA,
  operationSchema: REST_OPERATION_SCHEMA,
  async connect(context) {
    const { settings, definition, limits, logger } = context;
    if (typeof settings?.baseUrl !== 'string' || !/^https?:\/\//.test(settings.baseUrl)) {
      throw new AdapterError('rejected', 'the rest adapter needs an http(s) baseUrl setting', { retryable: false });
    }
    const credentials = context.credentials as RestCredentials;
    const scrubber = new SecretScrubber(Object.values(credentials));
    const transport = new HttpTransport(limits);
    const authenticator = createAuthenticator(settings, credentials, transport, limits.timeoutMs, logger, scrubber);
    const client = new RestClient(settings, transport, authenticator, scrubber, logger);
    return new RestConnection({ settings, definition, limits, logger, client, authenticator }, transport);
  },
});

export default restAdapter;
