import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { type DefinitionIssue, pointerSegment } from './connector-definition-error';

/** One Ajv instance for definitions and adapters' operation schemas (draft 2020-12). */
export const ajv = new Ajv2020({ allErrors: true, strict: false, discriminator: true });

const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles a schema once per schema object. */
export function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function issueOf(error: ErrorObject, prefix: string): DefinitionIssue {
  const params = error.params as Record<string, unknown>;
  const at = `${prefix}${error.instancePath}`;
  switch (error.keyword) {
    case 'required':
      return { path: `${at}/${pointerSegment(String(params.missingProperty))}`, message: 'is required' };
    case 'additionalProperties':
      return { path: `${at}/${pointerSegment(String(params.additionalProperty))}`, message: 'is not a known property' };
    case 'propertyNames':
      return { path: `${at}/${pointerSegment(String(params.propertyName))}`, message: 'is not an allowed name' };
    case 'discriminator':
      return { path: `${at}/${pointerSegment(String(params.tag))}`, message: 'is not one of the known styles' };
    case 'enum':
      return { path: at, message: `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    default:
      return { path: at, message: error.message ?? 'is not valid' };
  }
}

/** Ajv errors as issues, most specific first, without duplicates and without the umbrella errors of anyOf/oneOf/pattern checks on names. */
export function schemaIssues(
  errors: ErrorObject[] | null | undefined,
  prefix = '',
  skip: (instancePath: string) => boolean = () => false,
): DefinitionIssue[] {
  const seen = new Set<string>();
  const issues: DefinitionIssue[] = [];
  for (const error of errors ?? []) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    if (error.keyword === 'pattern' && error.propertyName !== undefined) continue;
    if (skip(error.instancePath)) continue;
    const issue = issueOf(error, prefix);
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}
