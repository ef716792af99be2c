import { AdapterError, type CallOptions, type SourceRecord } from '@trestle/adapter-sdk';
import type { RestOperationSpec } from '../rest-operation-spec';
import type { RestRuntime } from '../rest-runtime';
import { withCallScope } from '../transport/call-scope';
import { operationOf } from './operation-binding';
import { fillPath, placeholdersOf } from './path-template';
import { singleRecord } from './single-record';

/** Reads one record by its source id; AdapterError('not_found') when the system has none. */
export async function getRecord(
  runtime: RestRuntime,
  entity: string,
  sourceId: string,
  options: CallOptions = {},
): Promise<SourceRecord> {
  const { spec } = operationOf(runtime, entity, 'get');
  const what = `get ${entity}`;
  return withCallScope(runtime.limits.timeoutMs, options.signal, async (scope) => {
    const result = await runtime.client.call(
      {
        method: spec.method ?? 'GET',
        path: fillPath(spec.path, idValues(spec, sourceId), what),
        query: spec.query,
        format: spec.body ?? 'json',
      },
      scope,
      what,
    );
    const record = singleRecord(result.body, spec.record, what);
    if (!record) throw new AdapterError('not_found', `${what}: no record '${sourceId}'`, { retryable: false });
    return record;
  });
}

/** Path values naming a record: its id under `{id}`, or under the path's only placeholder. */
export function idValues(spec: RestOperationSpec, sourceId: string): Record<string, string> {
  const names = placeholdersOf(spec.path);
  return names.length === 1 ? { [names[0]]: sourceId } : { id: sourceId };
}
