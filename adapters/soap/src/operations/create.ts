import { AdapterError, type CallOptions, type SourceRecord } from '@trestle/adapter-sdk';
import { recordAt, withArg } from '../listing/result-path';
import { callOperation, operationFor, type SoapOperationContext } from '../soap-operation-context';

/** Creates a record: it goes into `recordArg`; the operation must answer with the created record. */
export async function createRecord(
  context: SoapOperationContext,
  entity: string,
  record: SourceRecord,
  options: CallOptions = {},
): Promise<SourceRecord> {
  const spec = operationFor(context, entity, 'create');
  if (!spec.recordArg) throw new AdapterError('unsupported', `the create operation of '${entity}' names no recordArg`);
  const operation = spec.operation!;
  const result = await callOperation(context, operation, withArg({ ...spec.input }, spec.recordArg, record), options.signal);
  const created = recordAt(result, spec.record, operation);
  if (!created) {
    throw new AdapterError('invalid_response', `'${operation}' answered without the created record`, {
      details: { entity, operation },
    });
  }
  return created;
}
