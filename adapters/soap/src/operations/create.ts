import { AdapterError, type CallOptions, type SourceRecord } from '@trestle/adapter-sdk';
import { recordAt, withArg } from '../listing/result-path';
import { callOperation, operationFor, type SoapOperationContext } from '../soap-operation-context';

/** Creates a record (in `recordArg`, or as the top-level arguments); the operation must answer with it. */
export async function createRecord(
  context: SoapOperationContext,
  entity: string,
  record: SourceRecord,
  options: CallOptions = {},
): Promise<SourceRecord> {
  const spec = operationFor(context, entity, 'create');
  const operation = spec.operation!;
  const args = spec.recordArg ? withArg({ ...spec.input }, spec.recordArg, record) : { ...record, ...spec.input };
  const result = await callOperation(context, operation, args, options.signal);
  const created = recordAt(result, spec.record, operation);
  if (!created) {
    throw new AdapterError('invalid_response', `'${operation}' answered without the created record`, {
      details: { entity, operation },
    });
  }
  return created;
}
