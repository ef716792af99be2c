import { AdapterError } from '@trestle/adapter-sdk';
import { bindArguments, compileNamedParameters } from './named-parameters';

const dollar = (index: number) => `$${index}`;

describe('named parameters', () => {
  it('replaces :name outside literals, quoted identifiers, comments and :: casts', () => {
    const compiled = compileNamedParameters(
      `SELECT ':skip', "a:b", x::int FROM t -- :comment\nWHERE a = :first AND b = :second /* :block */ AND c = :first`,
      dollar,
    );
    expect(compiled.names).toEqual(['first', 'second', 'first']);
    expect(compiled.text).toBe(
      `SELECT ':skip', "a:b", x::int FROM t -- :comment\nWHERE a = $1 AND b = $2 /* :block */ AND c = $3`,
    );
  });

  it('binds arguments in order and rejects unknown, missing or structured ones', () => {
    const compiled = compileNamedParameters('SELECT * FROM t WHERE a = :a AND b = :b', () => '?');
    expect(bindArguments(compiled, { b: 2, a: "1' OR '1'='1" }, 'op')).toEqual(["1' OR '1'='1", 2]);
    expect(() => bindArguments(compiled, { a: 1 }, 'op')).toThrow("operation 'op' needs argument 'b'");
    expect(() => bindArguments(compiled, { a: 1, b: 2, c: 3 }, 'op')).toThrow(AdapterError);
    expect(() => bindArguments(compiled, { a: 1, b: { $gt: 1 } }, 'op')).toThrow(/must be a scalar/);
  });
});
