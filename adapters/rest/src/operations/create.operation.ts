import { AdapterError, type CallOptions, type SourceRecord } from '@trestle/adapter-sdk';
import type { RestRuntime } from '../rest-runtime';
import { withCallScope } from '../transport/call-scope';
import { getRecord } from './get.operation';
import { operationOf } from './operation-binding';
import { fillPath } from './path-template';
import { idFromLocation, singleRecord } from './single-record';

/**
 * Creates a record and returns it as the system stored it. When the answer has no body, the record
 * is read back through the Location header's id (if the entity has a get operation).
 */
export async function createRecord(
  runtime: RestRuntime,
  entity: string,
  record: SourceRecord,
  options: CallOptions = {},
): Promise<SourceRecord> {
  const { spec } = operationOf(runtime, entity, 'create');
  const what = `create ${entity}`;
  const result = await withCallScope(runtime.limits.timeoutMs, options.signal, (scope) =>
    runtime.client.call(
      {
        method: spec.method ?? 'POST',
        path: fillPath(spec.path, {}, what),
        query: spec.query,
        body: spec.bodyKey ? { [spec.bodyKey]: record } : record,
        format: spec.body ?? 'json',
        xmlRoot: spec.xmlRoot,
      },
      scope,
      what,
    ),
  );
  const created = singleRecord(result.body, spec.record, what);
  if (created) return created;
  const id = idFromLocation(result.headers.location);
  if (id && runtime.definition.entities[entity].operations.get) return getRecord(runtime, entity, id, options);
  throw new AdapterError('invalid_response', `${what}: the answer holds neither the record nor its location`, {
    retryable: false,
    upstreamStatus: result.status,
  });
}
