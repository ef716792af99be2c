import type { FieldMapping } from '../connector-definition';
import { MappingError, type MappingDirection } from './mapping-error';
import { compileTransform, type CompiledTransform } from './transforms/transform-registry';
import { TransformFailure } from './transforms/transform';

const compiled = new WeakMap<FieldMapping, CompiledTransform[]>();

/** The field's transforms, compiled once per FieldMapping object. */
export function transformsOf(mapping: FieldMapping, field: string, direction: MappingDirection): CompiledTransform[] {
  let transforms = compiled.get(mapping);
  if (!transforms) {
    transforms = (mapping.transforms ?? []).map((spec, index) => {
      try {
        return compileTransform(spec);
      } catch (error) {
        if (!(error instanceof TransformFailure)) throw error;
        throw new MappingError({
          field,
          sourcePath: mapping.path,
          transform: `#${index}`,
          direction,
          reason: error.message,
        });
      }
    });
    compiled.set(mapping, transforms);
  }
  return transforms;
}

/** Whether a mapping addresses an array of source elements. */
export function isArrayMapping(mapping: FieldMapping): boolean {
  return mapping.items !== undefined || mapping.path.endsWith('[]');
}

/** Absent, null or empty string: the field takes its default. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Applies each transform in turn (to each element of an array unless the transform takes whole arrays). */
export function runTransforms(
  value: unknown,
  transforms: readonly CompiledTransform[],
  step: (transform: CompiledTransform, value: unknown) => unknown,
  onFailure: (transform: CompiledTransform, failure: TransformFailure) => never,
): unknown {
  let current = value;
  for (const transform of transforms) {
    if (isEmptyValue(current)) return current;
    try {
      current =
        Array.isArray(current) && !transform.wholeArray
          ? current.map((element) => step(transform, element))
          : step(transform, current);
    } catch (error) {
      if (error instanceof TransformFailure) onFailure(transform, error);
      throw error;
    }
  }
  return current;
}
