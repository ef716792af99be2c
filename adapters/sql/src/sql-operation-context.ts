import {
  AdapterError,
  type AdapterLimits,
  type AdapterLogger,
  type ConnectorDefinition,
  type EntityOperation,
} from '@trestle/adapter-sdk';
import type { SqlOperation } from './sql-operation-spec';
import type { SqlSettings } from './sql-settings';
import type { SqlDriver } from './transport/sql-driver';

/** What every operation of a SQL connection works with. */
export interface SqlOperationContext {
  driver: SqlDriver;
  definition: ConnectorDefinition;
  settings: SqlSettings;
  logger: AdapterLogger;
  limits: AdapterLimits;
}

/** The caller's signal combined with the per-call time limit. */
export function callSignal(context: SqlOperationContext, signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(context.limits.timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/** The operation spec serving `operation` for `entity`, falling back to the listed ones. */
export function operationFor(
  context: SqlOperationContext,
  entity: string,
  operation: EntityOperation,
  ...fallbacks: EntityOperation[]
): SqlOperation {
  const binding = context.definition.entities[entity];
  if (!binding) {
    throw new AdapterError('unsupported', `the connector definition does not bind entity '${entity}'`, {
      details: { entity },
    });
  }
  for (const name of [operation, ...fallbacks]) {
    const spec = binding.operations[name];
    if (spec) return spec as SqlOperation;
  }
  throw new AdapterError('unsupported', `entity '${entity}' has no '${operation}' operation`, {
    details: { entity, operation },
  });
}
