import type { TransformSpec } from '../../connector-definition';

/** Why one value could not be transformed; never carries the value itself. Wrapped into MappingError by the mapper. */
export class TransformFailure extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TransformFailure';
  }
}

/** The argument of a transform spec (`{ date: 'YYYYMMDD' }` -> `'YYYYMMDD'`) and its sibling options. */
export interface TransformInput {
  argument: unknown;
  options: Record<string, unknown>;
}

/**
 * One named transform. `prepare` checks the spec once, at load time, and returns what read and
 * write need; read converts a source value to its canonical form; write converts back, and is
 * absent (or `invertible` false) when that is impossible.
 */
export interface Transform<Prepared = unknown> {
  readonly name: string;
  /** Option keys allowed beside the transform's own key, e.g. `default` for enum. */
  readonly optionKeys?: readonly string[];
  /** Whether a bare `name` (no argument) is allowed; true unless an argument is required. */
  readonly bareAllowed?: boolean;
  /** Applies to an array as a whole (split, join) instead of to each element. */
  readonly wholeArray?: boolean;
  prepare(input: TransformInput): Prepared;
  read(value: unknown, prepared: Prepared): unknown;
  write?(value: unknown, prepared: Prepared): unknown;
  invertible?(prepared: Prepared): boolean;
}

/** Declares a transform with its types checked. */
export function defineTransform<Prepared>(transform: Transform<Prepared>): Transform<Prepared> {
  return transform;
}

/** Splits a spec into its transform name, argument and sibling options. */
export function specParts(
  spec: TransformSpec,
  known: (name: string) => boolean,
): { name: string; input: TransformInput } {
  if (typeof spec === 'string') return { name: spec, input: { argument: undefined, options: {} } };
  const names = Object.keys(spec).filter(known);
  if (names.length !== 1) {
    const keys = Object.keys(spec).join(', ') || 'none';
    throw new TransformFailure(
      names.length === 0 ? `unknown transform (keys: ${keys})` : `names more than one transform (${names.join(', ')})`,
    );
  }
  const [name] = names;
  const options = Object.fromEntries(Object.entries(spec).filter(([key]) => key !== name));
  return { name, input: { argument: spec[name], options } };
}

/** Reads a string (trimmed) from a string, number or bigint, failing otherwise. */
export function textOf(value: unknown, what: string): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new TransformFailure(`expected ${what}, got ${describeType(value)}`);
}

/** The type of a value, for messages that must not echo the value. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  return `a ${typeof value}`;
}
