import { AdapterError, type CallOptions } from '@trestle/adapter-sdk';
import { valueAt } from '../listing/result-path';
import type { SoapOperation } from '../soap-operation-spec';
import { callOperation, type SoapOperationContext } from '../soap-operation-context';

/**
 * Runs an operation declared in the definition's `passthrough` section (and no other): the
 * caller's arguments plus the declared `input`, which wins where both name an argument. Returns
 * the result, or the part of it at `record` when the declaration names one.
 */
export async function runPassthrough(
  context: SoapOperationContext,
  name: string,
  args: Record<string, unknown>,
  options: CallOptions = {},
): Promise<unknown> {
  const passthrough = context.definition.passthrough ?? {};
  const spec = Object.hasOwn(passthrough, name) ? (passthrough[name] as SoapOperation) : undefined;
  if (!spec) {
    throw new AdapterError('unsupported', `no passthrough operation named '${name.slice(0, 64)}'`, {
      details: { operation: name.slice(0, 64) },
    });
  }
  const operation = spec.operation ?? name;
  const result = await callOperation(context, operation, { ...args, ...spec.input }, options.signal);
  return valueAt(result, spec.record ?? spec.records);
}
