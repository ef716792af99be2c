import type { TransformSpec } from '../../connector-definition';
import { compileTransform } from './transform-registry';

/** Reads a value through a transform spec. */
export const read = (spec: TransformSpec, value: unknown) => compileTransform(spec).read(value);
/** Writes a canonical value back through a transform spec. */
export const write = (spec: TransformSpec, value: unknown) => compileTransform(spec).write(value);
