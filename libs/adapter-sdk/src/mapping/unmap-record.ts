import type { SourceRecord } from '../adapter';
import type { EntityBinding, FieldMapping } from '../connector-definition';
import { isArrayMapping, runTransforms, transformsOf } from './compiled-field';
import { MappingError, NotInvertibleMappingError } from './mapping-error';
import { readPath, writePath } from './source-path';

/**
 * Turns canonical values (a whole record or a partial one, for updates) back into source fields
 * for a write: every canonical field present is written to its source path with its transforms
 * inverted in reverse order (a date back to YYYYMMDD, a decimal back to cents, an enum value back
 * to its code). `null` is written as null. Fields the binding does not map, and constant fields
 * (empty `path`), are not written. Throws NotInvertibleMappingError when a written field has a
 * transform that cannot be inverted, MappingError when a value cannot be converted.
 */
export function unmapRecord(binding: EntityBinding, canonical: Record<string, unknown>): SourceRecord {
  return unmapFields(binding.fields, canonical, '');
}

function unmapFields(fields: Record<string, FieldMapping>, canonical: unknown, prefix: string): SourceRecord {
  const source: SourceRecord = {};
  for (const [canonicalPath, mapping] of Object.entries(fields)) {
    const value = readPath(canonical, canonicalPath);
    if (value === undefined || mapping.path === '') continue;
    writePath(source, mapping.path.replace(/\[\]$/, ''), unmapField(`${prefix}${canonicalPath}`, mapping, value));
  }
  return source;
}

function unmapField(field: string, mapping: FieldMapping, value: unknown): unknown {
  if (value === null) return null;
  if (!isArrayMapping(mapping)) return inverted(field, mapping, value);
  if (!Array.isArray(value)) {
    throw new MappingError({ field, sourcePath: mapping.path, direction: 'write', reason: 'expected an array' });
  }
  return value.map((element, index) =>
    mapping.items
      ? unmapFields(mapping.items, element, `${field}[${index}].`)
      : inverted(`${field}[${index}]`, mapping, element),
  );
}

function inverted(field: string, mapping: FieldMapping, value: unknown): unknown {
  const transforms = transformsOf(mapping, field, 'write');
  const blocker = transforms.find((transform) => !transform.invertible);
  if (blocker) {
    throw new NotInvertibleMappingError({
      field,
      sourcePath: mapping.path,
      transform: blocker.name,
      reason: 'this transform cannot be written back',
    });
  }
  return runTransforms(
    value,
    [...transforms].reverse(),
    (transform, element) => transform.write(element),
    (transform, failure) => {
      throw new MappingError({
        field,
        sourcePath: mapping.path,
        transform: transform.name,
        direction: 'write',
        reason: failure.message,
      });
    },
  );
}
