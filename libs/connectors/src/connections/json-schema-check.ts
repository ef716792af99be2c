import type { FieldError } from '@trestle/core';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Field errors for `value` against a JSON Schema, with paths under `prefix` (e.g. `settings.wsdl`).
 * Messages name the field and the rule, never the offending value: it may be a secret.
 */
export function jsonSchemaErrors(schema: object, value: unknown, prefix: string): FieldError[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
    const path = `${error.instancePath}${missing}`.split('/').filter(Boolean).join('.');
    return { field: path ? `${prefix}.${path}` : prefix, message: error.message ?? 'is invalid' };
  });
}
