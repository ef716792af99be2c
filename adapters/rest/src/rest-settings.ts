import type { JsonSchema } from '@trestle/adapter-sdk';

/** No authentication. */
export interface NoAuth {
  style: 'none';
}

/** A static API key from `credentials.apiKey`, sent in a request header or a query parameter. */
export interface ApiKeyAuth {
  style: 'apiKey';
  /** Header carrying the key, e.g. `X-API-Key`. */
  header?: string;
  /** Query parameter carrying the key, e.g. `api_key` (used when `header` is absent). */
  queryParam?: string;
}

/** HTTP Basic with `credentials.username` and `credentials.password`. */
export interface BasicAuth {
  style: 'basic';
}

/**
 * OAuth 2.0 client credentials grant with `credentials.clientId` and `credentials.clientSecret`.
 * The token is cached until shortly before it expires, refreshed once on a 401, and concurrent
 * callers share one token request.
 */
export interface OAuth2ClientCredentialsAuth {
  style: 'oauth2ClientCredentials';
  /** Token endpoint, absolute or relative to `baseUrl`. */
  tokenUrl: string;
  scope?: string;
  audience?: string;
  /** How the client authenticates at the token endpoint: HTTP Basic (default) or form fields. */
  clientAuth?: 'basic' | 'body';
}

export type RestAuth = NoAuth | ApiKeyAuth | BasicAuth | OAuth2ClientCredentialsAuth;

/** Settings of one vendor-REST connection. */
export interface RestSettings {
  /** Base URL every operation path is appended to, e.g. `https://crm.example.com`. */
  baseUrl: string;
  /** Headers sent with every request (never put secrets here: use credentials). */
  headers?: Record<string, string>;
  /** Authentication style; default `none`. */
  auth?: RestAuth;
  /**
   * A 429 whose Retry-After is at most this long is waited out once (honouring the call's signal
   * and timeout); a longer one fails at once with AdapterError 'rate_limited'. Default 5000.
   */
  maxRetryAfterMs?: number;
  /** Path answering GET with 2xx when the system is healthy; check() uses it when set. */
  healthPath?: string;
  /** Records per page when neither the call nor the operation says; default 100. */
  defaultPageSize?: number;
  /** Largest page a caller may ask for; default 1000. */
  maxPageSize?: number;
}

/** Credentials, all secret: whichever the auth style needs. */
export interface RestCredentials {
  apiKey?: string;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
}

export const DEFAULT_MAX_RETRY_AFTER_MS = 5_000;
export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_MAX_PAGE_SIZE = 1_000;

const headerName = { type: 'string', pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" };

/** JSON Schema of RestSettings. */
export const REST_SETTINGS_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['baseUrl'],
  properties: {
    baseUrl: { type: 'string', pattern: '^https?://[^\\s]+$' },
    headers: { type: 'object', propertyNames: headerName, additionalProperties: { type: 'string' } },
    auth: {
      type: 'object',
      required: ['style'],
      oneOf: [
        { properties: { style: { const: 'none' } }, additionalProperties: false },
        { properties: { style: { const: 'basic' } }, additionalProperties: false },
        {
          properties: { style: { const: 'apiKey' }, header: headerName, queryParam: { type: 'string', minLength: 1 } },
          anyOf: [{ required: ['header'] }, { required: ['queryParam'] }],
          additionalProperties: false,
        },
        {
          required: ['tokenUrl'],
          properties: {
            style: { const: 'oauth2ClientCredentials' },
            tokenUrl: { type: 'string', minLength: 1 },
            scope: { type: 'string' },
            audience: { type: 'string' },
            clientAuth: { enum: ['basic', 'body'] },
          },
          additionalProperties: false,
        },
      ],
    },
    maxRetryAfterMs: { type: 'integer', minimum: 0, maximum: 600_000 },
    healthPath: { type: 'string', pattern: '^/' },
    defaultPageSize: { type: 'integer', minimum: 1, maximum: 100_000 },
    maxPageSize: { type: 'integer', minimum: 1, maximum: 100_000 },
  },
  additionalProperties: false,
};

/** JSON Schema of RestCredentials; every property is secret. */
export const REST_CREDENTIALS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    apiKey: { type: 'string', minLength: 1 },
    username: { type: 'string' },
    password: { type: 'string' },
    clientId: { type: 'string', minLength: 1 },
    clientSecret: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
};
