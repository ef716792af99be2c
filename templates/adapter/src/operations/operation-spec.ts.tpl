import { AdapterError, type ConnectorDefinition, type EntityOperation } from '@trestle/adapter-sdk';
import type { __Kind__OperationSpec } from '../__kind__-settings';

/** The definition's spec of one operation on one entity, or an 'unsupported' AdapterError. */
export function operationSpec(
  definition: ConnectorDefinition,
  entity: string,
  operation: EntityOperation,
): { spec: __Kind__OperationSpec; sourceId: string } {
  const binding = definition.entities[entity];
  const spec = binding?.operations[operation] as __Kind__OperationSpec | undefined;
  if (!binding || !spec) throw new AdapterError('unsupported', `no '${operation}' operation bound for '${entity}'`);
  return { spec, sourceId: binding.sourceId };
}
