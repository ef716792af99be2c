import { defineTransform, describeType, TransformFailure } from './transform';

/** Reads the separator argument of split/join. */
export function separatorArgument(argument: unknown, name: string): string {
  if (typeof argument !== 'string' || argument.length === 0)
    throw new TransformFailure(`${name} takes a separator string`);
  return argument;
}

/** Splits a string into an array of strings. */
export function splitText(value: unknown, separator: string): string[] {
  if (typeof value !== 'string') throw new TransformFailure(`expected a string, got ${describeType(value)}`);
  return value === '' ? [] : value.split(separator);
}

/** Joins an array of scalars into one string. */
export function joinValues(value: unknown, separator: string): string {
  if (!Array.isArray(value)) throw new TransformFailure(`expected an array, got ${describeType(value)}`);
  return value.map(String).join(separator);
}

/** `{ split: ';' }`: 'a;b;c' -> ['a', 'b', 'c'] (later transforms apply to each element). Written back by joining. */
export const splitTransform = defineTransform<string>({
  name: 'split',
  bareAllowed: false,
  wholeArray: true,
  prepare: ({ argument }) => separatorArgument(argument, 'split'),
  read: (value, separator) => splitText(value, separator),
  write: (value, separator) => joinValues(value, separator),
});
