import { defineTransform, describeType, TransformFailure } from './transform';

/** A transform that changes strings, passes other scalars unchanged, and is written back as given. */
export function textTransform(name: string, change: (text: string) => string) {
  return defineTransform<void>({
    name,
    prepare: () => undefined,
    read: (value) => {
      if (typeof value === 'string') return change(value);
      if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value;
      throw new TransformFailure(`expected a string, got ${describeType(value)}`);
    },
    write: (value) => value,
  });
}
