export { AdapterError, type AdapterErrorCode, type AdapterErrorOptions } from './adapter-error';
export type {
  AdapterConnection,
  AdapterContext,
  AdapterDefinition,
  AdapterLimits,
  AdapterLogger,
  CallOptions,
  CheckResult,
  JsonSchema,
  ListQuery,
  Page,
  SourceRecord,
} from './adapter';
export type {
  ConnectorDefinition,
  EntityBinding,
  EntityOperation,
  FieldMapping,
  IncrementalSpec,
  OperationSpec,
  PagingSpec,
  TransformSpec,
} from './connector-definition';
export { defineAdapter, isAdapterDefinition } from './define-adapter';
