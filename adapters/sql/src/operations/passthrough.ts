import { AdapterError, type CallOptions } from '@trestle/adapter-sdk';
import { limitClause } from '../query/sql-statement';
import { isTableOperation, type SqlQueryOperation } from '../sql-operation-spec';
import { callSignal, type SqlOperationContext } from '../sql-operation-context';
import { bindArguments, compileNamedParameters } from '../transport/named-parameters';

const READ = /^\s*(select|with)\b/i;

/**
 * Runs a named query from the definition's `passthrough` section. Arguments fill its `:name`
 * parameters, always bound (an unknown or missing argument is rejected); no SQL is ever built
 * from them. A read returns its rows, at most `maxRows` (default 1000; more is an
 * invalid_response); any other statement returns `{ affectedRows }`.
 */
export async function runPassthrough(
  context: SqlOperationContext,
  operation: string,
  args: Record<string, unknown>,
  options: CallOptions = {},
): Promise<unknown> {
  const spec = context.definition.passthrough?.[operation] as SqlQueryOperation | undefined;
  if (!spec || isTableOperation(spec) || typeof spec.query !== 'string') {
    throw new AdapterError('unsupported', `no passthrough query named '${operation.slice(0, 64)}'`, {
      details: { operation: operation.slice(0, 64) },
    });
  }
  const grammar = context.driver.grammar;
  const compiled = compileNamedParameters(spec.query, grammar.placeholder);
  const params = bindArguments(compiled, args, operation);
  const signal = callSignal(context, options.signal);
  if (!READ.test(spec.query)) {
    const { affectedRows } = await context.driver.query(compiled.text, params, signal);
    return { affectedRows };
  }
  const maxRows = spec.maxRows ?? 1000;
  const { rows } = await context.driver.query(
    `SELECT * FROM (${compiled.text}) q${limitClause(maxRows + 1)}`,
    params,
    signal,
  );
  if (rows.length > maxRows) {
    throw new AdapterError('invalid_response', `passthrough '${operation}' returned more than ${maxRows} rows`, {
      details: { operation, maxRows },
    });
  }
  return rows;
}
