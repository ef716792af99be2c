import { defineTransform, describeType, TransformFailure } from './transform';

const TRUE = new Set(['y', 'yes', '1', 'true', 't']);
const FALSE = new Set(['n', 'no', '0', 'false', 'f']);

interface BooleanCodes {
  true?: string | number | boolean;
  false?: string | number | boolean;
}

/**
 * Y/N, 1/0, true/false, T/F, yes/no (any case) to a boolean. `{ boolean: { true: 'Y', false: 'N' } }`
 * also accepts those codes and makes the transform writable; bare `boolean` cannot be written back
 * because the source's spelling is unknown.
 */
export const booleanTransform = defineTransform<BooleanCodes>({
  name: 'boolean',
  prepare: ({ argument }) => {
    if (argument === undefined) return {};
    const codes = argument as BooleanCodes;
    if (typeof argument !== 'object' || argument === null || codes.true === undefined || codes.false === undefined) {
      throw new TransformFailure('boolean takes { true: <code>, false: <code> } or no argument');
    }
    return codes;
  },
  read: (value, codes) => {
    if (typeof value === 'boolean') return value;
    if (codes.true !== undefined && value === codes.true) return true;
    if (codes.false !== undefined && value === codes.false) return false;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
      throw new TransformFailure(`expected a boolean code, got ${describeType(value)}`);
    }
    const text = String(value).trim().toLowerCase();
    if (codes.true !== undefined && text === String(codes.true).toLowerCase()) return true;
    if (codes.false !== undefined && text === String(codes.false).toLowerCase()) return false;
    if (TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
    throw new TransformFailure('not a recognised boolean code (Y/N, 1/0, true/false, T/F)');
  },
  write: (value, codes) => {
    if (typeof value !== 'boolean') throw new TransformFailure(`expected a boolean, got ${describeType(value)}`);
    return value ? codes.true : codes.false;
  },
  invertible: (codes) => codes.true !== undefined && codes.false !== undefined,
});
