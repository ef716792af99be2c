import type { JsonSchema } from '@trestle/adapter-sdk';

/** Where the __kind__ system answers; a connection's settings override the definition's key by key. */
export interface __Kind__Settings {
  baseUrl: string;
  defaultPageSize?: number;
}

/** One operation of a connector definition: the collection path and, for lists, how to ask for changes only. */
export interface __Kind__OperationSpec {
  path: string;
  pageSize?: number;
  incremental?: { param: string; format?: string };
}

export const __KIND___SETTINGS_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['baseUrl'],
  properties: {
    baseUrl: { type: 'string', pattern: '^https?://', description: 'Base URL of the system, e.g. http://host:8080/' },
    defaultPageSize: { type: 'integer', minimum: 1, maximum: 1000 },
  },
  additionalProperties: false,
};

export const __KIND___CREDENTIALS_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, description: 'Bearer token issued by the system.' } },
  additionalProperties: false,
};

export const __KIND___OPERATION_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['path'],
  properties: {
    path: { type: 'string', pattern: '^/' },
    pageSize: { type: 'integer', minimum: 1, maximum: 1000 },
    incremental: {
      type: 'object',
      required: ['param'],
      properties: { param: { type: 'string' }, format: { const: 'iso' } },
    },
  },
  additionalProperties: false,
};
