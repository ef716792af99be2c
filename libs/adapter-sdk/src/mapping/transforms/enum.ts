import { defineTransform, describeType, TransformFailure } from './transform';

interface EnumArgument {
  codes: Map<string, unknown>;
  fallback?: { value: unknown };
}

/**
 * `{ enum: { A: 'active', I: 'inactive' }, default: 'inactive' }`: a source code (trimmed) to its
 * canonical value; unknown codes take `default` when given and fail otherwise. Written back by
 * looking the canonical value up (the first code that maps to it).
 */
export const enumTransform = defineTransform<EnumArgument>({
  name: 'enum',
  bareAllowed: false,
  optionKeys: ['default'],
  prepare: ({ argument, options }) => {
    if (typeof argument !== 'object' || argument === null || Array.isArray(argument) || !Object.keys(argument).length) {
      throw new TransformFailure('enum takes a non-empty object of source code to canonical value');
    }
    return {
      codes: new Map(Object.entries(argument)),
      fallback: 'default' in options ? { value: options.default } : undefined,
    };
  },
  read: (value, { codes, fallback }) => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TransformFailure(`expected a code, got ${describeType(value)}`);
    }
    const code = String(value).trim();
    if (codes.has(code)) return codes.get(code);
    if (fallback) return fallback.value;
    throw new TransformFailure('code is not listed in the enum');
  },
  write: (value, { codes }) => {
    for (const [code, canonical] of codes) if (canonical === value) return code;
    throw new TransformFailure('canonical value has no source code in the enum');
  },
});
