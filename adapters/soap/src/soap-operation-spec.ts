import type { IncrementalSpec, JsonSchema, OperationSpec, PagingSpec } from '@trestle/adapter-sdk';

/**
 * One SOAP operation in a connector definition. Paths are dotted (`Customers.Customer`) and read
 * the operation's result as node-soap returns it (the response element's content).
 */
export interface SoapOperation extends OperationSpec {
  /** WSDL operation name, e.g. `ListCustomers`; for passthrough it defaults to the entry's key. */
  operation?: string;
  /** Static arguments sent with every call (merged under the adapter's own). */
  input?: Record<string, unknown>;
  /** List: path of the record array in the result (a single object counts as one record). */
  records?: string;
  /** Get/create/update/passthrough: path of the record in the result; the whole result when absent. */
  record?: string;
  /** Get/update: argument (dotted path) that carries the source id. */
  idArg?: string;
  /**
   * Create/update: argument (dotted path) that carries the record; when absent the record's fields
   * are the request's own top-level arguments (beside `idArg` and `input`).
   */
  recordArg?: string;
  paging?: PagingSpec;
  incremental?: IncrementalSpec;
}

const argPath = { type: 'string', pattern: '^[A-Za-z_][\\w-]*(\\.[A-Za-z_][\\w-]*)*$' };
const resultPath = { type: 'string', pattern: '^[^.]+(\\.[^.]+)*$' };

/** JSON Schema of one SOAP operation spec, as AdapterDefinition.operationSchema. */
export const SOAP_OPERATION_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    operation: { type: 'string', pattern: '^[A-Za-z_][\\w.-]*$' },
    input: { type: 'object' },
    records: resultPath,
    record: resultPath,
    idArg: argPath,
    recordArg: argPath,
    paging: {
      type: 'object',
      properties: { style: { enum: ['none', 'page', 'offset', 'cursor'] } },
    },
    incremental: { type: 'object', properties: { param: argPath } },
  },
  additionalProperties: false,
};
