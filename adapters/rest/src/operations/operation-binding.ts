import { AdapterError, type EntityBinding, type EntityOperation } from '@trestle/adapter-sdk';
import type { RestOperationSpec } from '../rest-operation-spec';
import type { RestRuntime } from '../rest-runtime';

/** The entity's binding and its spec for `operation`; AdapterError('unsupported') when the definition has neither. */
export function operationOf(
  runtime: RestRuntime,
  entity: string,
  operation: EntityOperation,
): { binding: EntityBinding; spec: RestOperationSpec } {
  const binding = Object.hasOwn(runtime.definition.entities, entity) ? runtime.definition.entities[entity] : undefined;
  if (!binding) {
    throw new AdapterError('unsupported', `the definition binds no entity '${entity}'`, { retryable: false });
  }
  const spec = binding.operations[operation] as RestOperationSpec | undefined;
  if (!spec) {
    throw new AdapterError('unsupported', `the definition declares no ${operation} operation for '${entity}'`, {
      retryable: false,
    });
  }
  return { binding, spec };
}

/** The value at a dotted response path (the whole body when the path is absent). */
export function atPath(body: unknown, path: string | undefined): unknown {
  if (!path) return body;
  let current = body;
  for (const segment of path.split('.').filter(Boolean)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
