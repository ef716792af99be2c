import type { TransformSpec } from '../../connector-definition';
import { booleanTransform } from './boolean';
import { centsToDecimalTransform } from './cents-to-decimal';
import { dateTransform } from './date';
import { datetimeTransform } from './datetime';
import { decimalTransform } from './decimal';
import { divideTransform } from './divide';
import { enumTransform } from './enum';
import { integerTransform } from './integer';
import { joinTransform } from './join';
import { lowerTransform } from './lower';
import { multiplyTransform } from './multiply';
import { numberTransform } from './number';
import { splitTransform } from './split';
import { stringTransform } from './string';
import { specParts, type Transform, TransformFailure } from './transform';
import { trimTransform } from './trim';
import { upperTransform } from './upper';

const TRANSFORMS: ReadonlyMap<string, Transform<unknown>> = new Map(
  [
    trimTransform,
    upperTransform,
    lowerTransform,
    numberTransform,
    integerTransform,
    booleanTransform,
    stringTransform,
    dateTransform,
    datetimeTransform,
    enumTransform,
    centsToDecimalTransform,
    decimalTransform,
    multiplyTransform,
    divideTransform,
    splitTransform,
    joinTransform,
  ].map((transform) => [transform.name, transform as Transform<unknown>]),
);

/** The closed set of transform names a connector definition may use. */
export const TRANSFORM_NAMES: readonly string[] = [...TRANSFORMS.keys()];

/** A transform spec checked and ready to run. */
export interface CompiledTransform {
  name: string;
  wholeArray: boolean;
  invertible: boolean;
  read(value: unknown): unknown;
  write(value: unknown): unknown;
}

/** Checks a transform spec and binds it to its transform; throws TransformFailure saying what is wrong. */
export function compileTransform(spec: TransformSpec): CompiledTransform {
  if (typeof spec !== 'string' && (typeof spec !== 'object' || spec === null || Array.isArray(spec))) {
    throw new TransformFailure('a transform is a name or an object with one transform key');
  }
  const { name, input } = specParts(spec, (key) => TRANSFORMS.has(key));
  const transform = TRANSFORMS.get(name);
  if (!transform) throw new TransformFailure(`unknown transform '${name}' (known: ${TRANSFORM_NAMES.join(', ')})`);
  if (typeof spec === 'string' && transform.bareAllowed === false) {
    throw new TransformFailure(`transform '${name}' needs an argument, e.g. { ${name}: ... }`);
  }
  const unknownOption = Object.keys(input.options).find((key) => !(transform.optionKeys ?? []).includes(key));
  if (unknownOption) throw new TransformFailure(`transform '${name}' has no option '${unknownOption}'`);
  let prepared: unknown;
  try {
    prepared = transform.prepare(input);
  } catch (error) {
    if (error instanceof TransformFailure) throw new TransformFailure(`transform '${name}': ${error.message}`);
    throw error;
  }
  const write = transform.write;
  const invertible = write !== undefined && (transform.invertible?.(prepared) ?? true);
  return {
    name,
    wholeArray: transform.wholeArray ?? false,
    invertible,
    read: (value) => transform.read(value, prepared),
    write: (value) => {
      if (!write || !invertible) throw new TransformFailure(`transform '${name}' cannot be written back`);
      return write(value, prepared);
    },
  };
}
