import type { JsonSchema } from '@trestle/adapter-sdk';

/** SOAP envelope version: 1.1 (`text/xml`, SOAPAction header) or 1.2 (`application/soap+xml`). */
export type SoapVersion = '1.1' | '1.2';

/** How requests prove who is calling. */
export type SoapSecurity = 'none' | 'usernameToken' | 'basic';

/** Settings of a SOAP connection (definition defaults merged with the connection's own). */
export interface SoapSettings {
  /** WSDL location: an `http(s)://` URL or a local file path; imported WSDL/XSD resolve relative to it. */
  wsdl: string;
  /** Endpoint URL used instead of the port's `soap:address` (e.g. a proxy or another environment). */
  endpoint?: string;
  /** Envelope version; defaults to 1.1. */
  soapVersion?: SoapVersion;
  /** WSDL service to call; defaults to the first one. */
  service?: string;
  /**
   * WSDL port to call; defaults to the first port of the service whose name fits the SOAP version
   * (a name containing `12` for 1.2, one without for 1.1), else the first port.
   */
  port?: string;
  /** Extra HTTP headers sent with every request (never credentials: use `security`). */
  headers?: Record<string, string>;
  /** Defaults to `none`. `usernameToken` adds a WS-Security header, `basic` an HTTP Authorization header. */
  security?: SoapSecurity;
  /** WS-Security password form; defaults to `PasswordText`. */
  passwordType?: 'PasswordText' | 'PasswordDigest';
  /** Whether the UsernameToken carries a wsu:Timestamp; defaults to true. */
  wsTimestamp?: boolean;
  /** An operation check() calls after loading the WSDL, to prove the endpoint answers. */
  ping?: { operation: string; input?: Record<string, unknown> };
  /** Records per list page when the caller asks for none; defaults to 100. */
  defaultPageSize?: number;
  /** Largest page size the adapter asks for; defaults to 1000. */
  maxPageSize?: number;
}

/** JSON Schema of SoapSettings. */
export const SOAP_SETTINGS_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['wsdl'],
  properties: {
    wsdl: { type: 'string', minLength: 1, description: 'WSDL URL (http/https) or local file path.' },
    endpoint: { type: 'string', pattern: '^https?://', description: "Overrides the port's soap:address." },
    soapVersion: { enum: ['1.1', '1.2'], default: '1.1' },
    service: { type: 'string', minLength: 1 },
    port: { type: 'string', minLength: 1 },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    security: { enum: ['none', 'usernameToken', 'basic'], default: 'none' },
    passwordType: { enum: ['PasswordText', 'PasswordDigest'], default: 'PasswordText' },
    wsTimestamp: { type: 'boolean', default: true },
    ping: {
      type: 'object',
      required: ['operation'],
      properties: { operation: { type: 'string', minLength: 1 }, input: { type: 'object' } },
      additionalProperties: false,
    },
    defaultPageSize: { type: 'integer', minimum: 1, default: 100 },
    maxPageSize: { type: 'integer', minimum: 1, default: 1000 },
  },
  additionalProperties: false,
};

/** JSON Schema of the credentials: both are needed for `usernameToken` and `basic` security. */
export const SOAP_CREDENTIALS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    username: { type: 'string' },
    password: { type: 'string' },
  },
  additionalProperties: false,
};
