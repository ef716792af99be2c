import { AdapterError, type CallOptions, type SourceRecord } from '@trestle/adapter-sdk';
import type { RestRuntime } from '../rest-runtime';
import { withCallScope } from '../transport/call-scope';
import { getRecord, idValues } from './get.operation';
import { operationOf } from './operation-binding';
import { fillPath } from './path-template';
import { singleRecord } from './single-record';

/**
 * Sends a patch (PATCH unless the operation says otherwise) and returns the record as stored; an
 * answer without a body (204) is followed by a get when the entity has one.
 */
export async function updateRecord(
  runtime: RestRuntime,
  entity: string,
  sourceId: string,
  patch: SourceRecord,
  options: CallOptions = {},
): Promise<SourceRecord> {
  const { spec } = operationOf(runtime, entity, 'update');
  const what = `update ${entity}`;
  const result = await withCallScope(runtime.limits.timeoutMs, options.signal, (scope) =>
    runtime.client.call(
      {
        method: spec.method ?? 'PATCH',
        path: fillPath(spec.path, idValues(spec, sourceId), what),
        query: spec.query,
        body: spec.bodyKey ? { [spec.bodyKey]: patch } : patch,
        format: spec.body ?? 'json',
        xmlRoot: spec.xmlRoot,
      },
      scope,
      what,
    ),
  );
  const updated = singleRecord(result.body, spec.record, what);
  if (updated) return updated;
  if (runtime.definition.entities[entity].operations.get) return getRecord(runtime, entity, sourceId, options);
  throw new AdapterError('invalid_response', `${what}: the answer holds no record`, {
    retryable: false,
    upstreamStatus: result.status,
  });
}
