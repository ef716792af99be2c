import { defineTransform, describeType, TransformFailure } from './transform';

/** Turns a number, bigint or boolean into its string form; strings pass unchanged. Written back as given. */
export const stringTransform = defineTransform<void>({
  name: 'string',
  prepare: () => undefined,
  read: (value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
    throw new TransformFailure(`expected a scalar, got ${describeType(value)}`);
  },
  write: (value) => value,
});
