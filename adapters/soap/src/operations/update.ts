import { AdapterError, type CallOptions, type SourceRecord } from '@trestle/adapter-sdk';
import { recordAt, withArg } from '../listing/result-path';
import { callOperation, operationFor, type SoapOperationContext } from '../soap-operation-context';
import { getRecord } from './get';

/**
 * Updates a record: the id goes into `idArg`, the patch into `recordArg` (or the top-level arguments). Returns the record
 * the operation answers with, or (when it answers with none) reads it back with get.
 */
export async function updateRecord(
  context: SoapOperationContext,
  entity: string,
  sourceId: string,
  patch: SourceRecord,
  options: CallOptions = {},
): Promise<SourceRecord> {
  const spec = operationFor(context, entity, 'update');
  const operation = spec.operation!;
  let args = spec.recordArg ? withArg({ ...spec.input }, spec.recordArg, patch) : { ...patch, ...spec.input };
  if (spec.idArg) args = withArg(args, spec.idArg, sourceId);
  const result = await callOperation(context, operation, args, options.signal);
  const updated = recordAt(result, spec.record, operation);
  if (updated) return updated;
  if (context.definition.entities[entity]?.operations.get) return getRecord(context, entity, sourceId, options);
  throw new AdapterError('invalid_response', `'${operation}' answered without the updated record`, {
    details: { entity, operation },
  });
}
