import type { AdapterDefinition } from '../adapter';
import type { ConnectorDefinition } from '../connector-definition';
import { ConnectorDefinitionError, type DefinitionIssue, pointer } from './connector-definition-error';
import { schemaIssues, validatorFor } from './schema-issues';

/**
 * Checks a parsed definition against the adapter that will run it: the definition names that
 * adapter's kind, and every operation spec (entity operations and passthrough) fits the adapter's
 * `operationSchema`. Throws ConnectorDefinitionError with paths such as
 * `/entities/customer/operations/list/table`.
 */
export function validateOperations(definition: ConnectorDefinition, adapter: AdapterDefinition): void {
  const issues: DefinitionIssue[] = [];
  if (definition.adapter !== adapter.kind) {
    issues.push({
      path: '/adapter',
      message: `names adapter '${definition.adapter}' but is checked against '${adapter.kind}'`,
    });
  }
  if (adapter.operationSchema) {
    const validate = validatorFor(adapter.operationSchema);
    const check = (spec: unknown, at: string) => {
      if (!validate(spec)) issues.push(...schemaIssues(validate.errors, at));
    };
    for (const [entity, binding] of Object.entries(definition.entities)) {
      for (const [operation, spec] of Object.entries(binding.operations)) {
        check(spec, pointer('entities', entity, 'operations', operation));
      }
    }
    for (const [name, spec] of Object.entries(definition.passthrough ?? {})) check(spec, pointer('passthrough', name));
  }
  if (issues.length > 0) throw new ConnectorDefinitionError(issues, definition.name);
}
