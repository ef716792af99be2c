import type { IncrementalSpec, JsonSchema, OperationSpec, PagingSpec } from '@trestle/adapter-sdk';

/** Body format of a request and of the response expected back. */
export type BodyFormat = 'json' | 'xml';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP operation in a `rest` connector definition:
 *
 * ```yaml
 * list:
 *   method: GET
 *   path: /api/v2/accounts
 *   records: data
 *   paging: { style: cursor, cursorParam: cursor, nextCursorPath: next_cursor, limitParam: limit }
 *   incremental: { param: updated_since, format: iso }
 * get: { method: GET, path: '/api/v2/accounts/{id}', record: data }
 * ```
 */
export interface RestOperationSpec extends OperationSpec {
  /** Default GET. */
  method?: HttpMethod;
  /** Path below `baseUrl`; `{name}` placeholders are filled (URL-encoded) from the source id or arguments. */
  path: string;
  /** Query parameters sent on every call of this operation. */
  query?: Record<string, string | number | boolean>;
  /** Request and expected response format; default json. */
  body?: BodyFormat;
  /** Root element of an XML request body; default `record`. */
  xmlRoot?: string;
  /** Wraps a create/update body under this key, e.g. `data` sends `{ "data": { ... } }`. */
  bodyKey?: string;
  /** Path of the record array in a list response; absent when the response is the array itself. */
  records?: string;
  /** Path of the record in a single-record response; absent when the response is the record itself. */
  record?: string;
  /** List filters the system applies itself: source field to query parameter. Other filters apply locally. */
  filters?: Record<string, string>;
  /** Passthrough only: argument names sent as query parameters; the other non-path arguments form the body. */
  queryArgs?: string[];
  paging?: Exclude<PagingSpec, { style: 'keyset' }>;
  incremental?: IncrementalSpec;
}

const scalar = { type: ['string', 'number', 'boolean'] };
const path = { type: 'string', minLength: 1 };

/** JSON Schema of RestOperationSpec (paging and incremental shapes are checked by the definition schema). */
export const REST_OPERATION_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['path'],
  properties: {
    method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
    path: { type: 'string', pattern: '^/[^\\s?#]*$' },
    query: { type: 'object', additionalProperties: scalar },
    body: { enum: ['json', 'xml'] },
    xmlRoot: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' },
    bodyKey: path,
    records: path,
    record: path,
    filters: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    queryArgs: { type: 'array', items: { type: 'string', minLength: 1 } },
    paging: {
      type: 'object',
      required: ['style'],
      properties: { style: { enum: ['none', 'offset', 'page', 'cursor'] } },
    },
    incremental: { type: 'object' },
  },
  additionalProperties: false,
};
