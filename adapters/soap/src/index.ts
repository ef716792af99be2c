export { default, soapAdapter } from './soap.adapter';
export type { SoapSecurity, SoapSettings, SoapVersion } from './soap-settings';
export { SOAP_CREDENTIALS_SCHEMA, SOAP_SETTINGS_SCHEMA } from './soap-settings';
export type { SoapOperation } from './soap-operation-spec';
export { SOAP_OPERATION_SCHEMA } from './soap-operation-spec';
