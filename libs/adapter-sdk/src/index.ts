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
export { ConnectorDefinitionError, type DefinitionIssue } from './definition/connector-definition-error';
export {
  CONNECTOR_DEFINITION_SCHEMA,
  loadConnectorDefinition,
  parseConnectorDefinition,
  type ParseDefinitionOptions,
} from './definition/parse-connector-definition';
export { validateOperations } from './definition/validate-operations';
export { mapRecord, type MappedRecord } from './mapping/map-record';
export { unmapRecord } from './mapping/unmap-record';
export {
  MappingError,
  NotInvertibleMappingError,
  type MappingDirection,
  type MappingErrorDetails,
} from './mapping/mapping-error';
export { TRANSFORM_NAMES } from './mapping/transforms/transform-registry';
export { centsToDecimal, decimalToCents } from './mapping/transforms/cents-to-decimal';
export { readPath, writePath } from './mapping/source-path';
export { raceAbort, type RaceAbortOptions } from './abort/race-abort';
