import { AdapterError, type CallOptions } from '@trestle/adapter-sdk';
import type { RestOperationSpec } from '../rest-operation-spec';
import type { RestRuntime } from '../rest-runtime';
import { withCallScope } from '../transport/call-scope';
import { atPath } from './operation-binding';
import { fillPath, placeholdersOf } from './path-template';

type Scalar = string | number | boolean;

/**
 * Runs an operation declared in the definition's `passthrough` section, and no other. Arguments
 * fill the path's placeholders; the rest go into the query string for GET and DELETE (and for names
 * in `queryArgs`), otherwise into the body. Returns the body, or the part at `record`/`records`.
 */
export async function runPassthrough(
  runtime: RestRuntime,
  operation: string,
  args: Record<string, unknown>,
  options: CallOptions = {},
): Promise<unknown> {
  const declared = runtime.definition.passthrough ?? {};
  const spec = Object.hasOwn(declared, operation) ? (declared[operation] as RestOperationSpec) : undefined;
  if (!spec) {
    throw new AdapterError('unsupported', `the definition declares no passthrough operation '${operation}'`, {
      retryable: false,
    });
  }
  const what = `passthrough ${operation}`;
  const method = spec.method ?? 'GET';
  const inPath = new Set(placeholdersOf(spec.path));
  const query: Record<string, Scalar> = { ...spec.query };
  const body: Record<string, unknown> = {};
  const bodyless = method === 'GET' || method === 'DELETE';
  for (const [name, value] of Object.entries(args ?? {})) {
    if (inPath.has(name) || value === undefined) continue;
    if (bodyless || spec.queryArgs?.includes(name)) query[name] = scalar(name, value, what);
    else body[name] = value;
  }
  const payload = Object.keys(body).length > 0 ? body : undefined;
  const result = await withCallScope(runtime.limits.timeoutMs, options.signal, (scope) =>
    runtime.client.call(
      {
        method,
        path: fillPath(spec.path, args ?? {}, what),
        query,
        body: payload && spec.bodyKey ? { [spec.bodyKey]: payload } : payload,
        format: spec.body ?? 'json',
        xmlRoot: spec.xmlRoot,
      },
      scope,
      what,
    ),
  );
  return atPath(result.body, spec.record ?? spec.records);
}

function scalar(name: string, value: unknown, what: string): Scalar {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new AdapterError('rejected', `${what}: the query argument '${name}' must be a string, number or boolean`, {
    retryable: false,
  });
}
