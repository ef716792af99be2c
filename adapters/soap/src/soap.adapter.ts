import { AdapterError, defineAdapter } from '@trestle/adapter-sdk';
import { SoapConnection } from './soap-connection';
import { SOAP_OPERATION_SCHEMA } from './soap-operation-spec';
import { SOAP_CREDENTIALS_SCHEMA, SOAP_SETTINGS_SCHEMA, type SoapSettings } from './soap-settings';
import { safeUrl } from './transport/soap-http-client';
import { SoapSession } from './transport/soap-session';

/**
 * The SOAP adapter (kind `soap`), on node-soap: document/literal and rpc/encoded services described
 * by a WSDL (URL or file, imports resolved), SOAP 1.1 or 1.2, WS-Security UsernameToken or HTTP
 * Basic. Every call is bounded by the connection's time limit and response size cap, and responses
 * declaring a DTD are refused. The WSDL is loaded once per connection, on first use.
 */
export const soapAdapter = defineAdapter<SoapSettings>({
  kind: 'soap',
  displayName: 'SOAP web service',
  description: 'SOAP 1.1/1.2 services described by a WSDL: document/literal and rpc/encoded, WS-Security.',
  settingsSchema: SOAP_SETTINGS_SCHEMA,
  credentialsSchema: SOAP_CREDENTIALS_SCHEMA,
  operationSchema: SOAP_OPERATION_SCHEMA,
  async connect({ settings, credentials, definition, logger, limits }) {
    const security = settings.security ?? 'none';
    if (security !== 'none' && (!credentials.username || !credentials.password)) {
      throw new AdapterError('auth', `SOAP security '${security}' needs the credentials username and password`, {
        retryable: false,
      });
    }
    const secrets = Object.values(credentials).filter((value) => typeof value === 'string' && value.length > 0);
    const session = new SoapSession(settings, credentials, limits, secrets);
    logger.info('soap connection opened', {
      wsdl: /^https?:/i.test(settings.wsdl) ? safeUrl(settings.wsdl) : settings.wsdl,
      endpoint: settings.endpoint ? safeUrl(settings.endpoint) : undefined,
      soapVersion: settings.soapVersion ?? '1.1',
      security,
    });
    return new SoapConnection({ session, definition, logger });
  },
});

export default soapAdapter;
