export { default, restAdapter } from './rest.adapter';
export { RestConnection } from './rest-connection';
export { REST_OPERATION_SCHEMA, type BodyFormat, type HttpMethod, type RestOperationSpec } from './rest-operation-spec';
export {
  REST_CREDENTIALS_SCHEMA,
  REST_SETTINGS_SCHEMA,
  type ApiKeyAuth,
  type BasicAuth,
  type NoAuth,
  type OAuth2ClientCredentialsAuth,
  type RestAuth,
  type RestCredentials,
  type RestSettings,
} from './rest-settings';
export { parseXml, writeXml, XmlParseError } from './transport/xml-codec';
