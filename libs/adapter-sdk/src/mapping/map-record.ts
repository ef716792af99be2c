import type { SourceRecord } from '../adapter';
import type { EntityBinding, FieldMapping } from '../connector-definition';
import { isArrayMapping, isEmptyValue, transformsOf } from './compiled-field';
import { MappingError } from './mapping-error';
import { readPath, writePath } from './source-path';
import { parseInstant } from './transforms/calendar';
import { TransformFailure } from './transforms/transform';

/** A source record turned canonical: nested field values, the source id and, when known, the last modification. */
export interface MappedRecord {
  values: Record<string, unknown>;
  sourceId: string;
  /** ISO 8601 UTC instant of the record's last modification, from the binding's `modifiedAt`. */
  modifiedAt?: string;
}

/**
 * Builds the canonical fields of one source record from an entity binding: each canonical path
 * (dotted, so `creditLimit.amount` nests) reads its source path, runs its transforms in order and
 * falls back to `default` when the source value is absent, null or empty (also after transforms,
 * so a blank CHAR column trimmed to '' takes the default). Array paths (`Lines.Line[]`) map every
 * element through `items`; a single object where an array is expected counts as one element.
 * Fields with neither a value nor a default are left out. The source id is trimmed (fixed-width
 * CHAR keys are padded). Throws MappingError naming field, source path and transform.
 */
export function mapRecord(binding: EntityBinding, source: SourceRecord): MappedRecord {
  const rawId = readPath(source, binding.sourceId);
  if (isEmptyValue(rawId) || typeof rawId === 'object') {
    throw new MappingError({
      field: 'sourceId',
      sourcePath: binding.sourceId,
      direction: 'read',
      reason: 'the source record has no usable identifier',
    });
  }
  const values = mapFields(binding.fields, source, '');
  return { values, sourceId: String(rawId).trim(), modifiedAt: modifiedAtOf(binding, source, values) };
}

function mapFields(fields: Record<string, FieldMapping>, source: unknown, prefix: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const paths = Object.keys(fields);
  for (let index = 0; index < paths.length; index++) {
    const canonicalPath = paths[index];
    const value = mapField(prefix === '' ? canonicalPath : `${prefix}${canonicalPath}`, fields[canonicalPath], source);
    if (value !== undefined) writePath(values, canonicalPath, value);
  }
  return values;
}

function mapField(field: string, mapping: FieldMapping, source: unknown): unknown {
  const raw = mapping.path === '' ? undefined : readPath(source, mapping.path);
  if (isEmptyValue(raw)) return mapping.default;
  if (isArrayMapping(mapping)) {
    const elements = Array.isArray(raw) ? raw : [raw];
    return elements.map((element, index) =>
      mapping.items
        ? mapFields(mapping.items, element, `${field}[${index}].`)
        : transformed(`${field}[${index}]`, mapping, element),
    );
  }
  const value = transformed(field, mapping, raw);
  return isEmptyValue(value) ? mapping.default : value;
}

/** Runs the field's read transforms in order (each element of an array unless the transform takes whole arrays). */
function transformed(field: string, mapping: FieldMapping, raw: unknown): unknown {
  const transforms = transformsOf(mapping, field, 'read');
  let current = raw;
  for (let index = 0; index < transforms.length; index++) {
    if (isEmptyValue(current)) return current;
    const transform = transforms[index];
    try {
      current =
        Array.isArray(current) && !transform.wholeArray
          ? current.map((element) => transform.read(element))
          : transform.read(current);
    } catch (error) {
      if (!(error instanceof TransformFailure)) throw error;
      throw new MappingError({
        field,
        sourcePath: mapping.path,
        transform: transform.name,
        direction: 'read',
        reason: error.message,
      });
    }
  }
  return current;
}

function modifiedAtOf(
  binding: EntityBinding,
  source: SourceRecord,
  values: Record<string, unknown>,
): string | undefined {
  if (!binding.modifiedAt) return undefined;
  const mapped = canonicalPathOf(binding.fields, binding.modifiedAt);
  const value = mapped !== undefined ? readPath(values, mapped) : readPath(source, binding.modifiedAt);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== 'string') return undefined;
  try {
    return new Date(parseInstant(value, 'iso', 0)).toISOString();
  } catch {
    return undefined;
  }
}

/** The first canonical field read from `sourcePath`. */
function canonicalPathOf(fields: Record<string, FieldMapping>, sourcePath: string): string | undefined {
  const paths = Object.keys(fields);
  for (let index = 0; index < paths.length; index++) if (fields[paths[index]].path === sourcePath) return paths[index];
  return undefined;
}
