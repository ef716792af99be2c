import type { ConnectorDefinition, FieldMapping } from '../connector-definition';
import { compileTransform } from '../mapping/transforms/transform-registry';
import { TransformFailure } from '../mapping/transforms/transform';
import { type DefinitionIssue, pointer } from './connector-definition-error';

/** Checks what the JSON Schema cannot: each transform (name, argument, options) and constant fields. */
export function semanticIssues(definition: ConnectorDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  for (const [entity, binding] of Object.entries(definition.entities ?? {})) {
    if (binding && typeof binding.fields === 'object' && binding.fields !== null) {
      checkFields(binding.fields, ['entities', entity, 'fields'], issues);
    }
  }
  return issues;
}

function checkFields(fields: Record<string, FieldMapping>, at: string[], issues: DefinitionIssue[]): void {
  for (const [field, mapping] of Object.entries(fields)) {
    if (typeof mapping !== 'object' || mapping === null) continue;
    const here = [...at, field];
    if (mapping.path === '' && mapping.default === undefined) {
      issues.push({ path: pointer(...here, 'path'), message: 'an empty path (a constant field) needs a default' });
    }
    if (Array.isArray(mapping.transforms)) {
      mapping.transforms.forEach((spec, index) => {
        try {
          compileTransform(spec);
        } catch (error) {
          if (!(error instanceof TransformFailure)) throw error;
          issues.push({ path: pointer(...here, 'transforms', index), message: error.message });
        }
      });
    }
    if (mapping.items && typeof mapping.items === 'object') checkFields(mapping.items, [...here, 'items'], issues);
  }
}

/** Whether an instance path lies inside a transform (reported by semanticIssues instead of the schema). */
export function insideTransform(instancePath: string): boolean {
  return /\/transforms\/\d+(\/|$)/.test(instancePath);
}
