import { AdapterError, type CallOptions, type SourceRecord } from '@trestle/adapter-sdk';
import { recordAt, withArg } from '../listing/result-path';
import { callOperation, operationFor, type SoapOperationContext } from '../soap-operation-context';

/** Gets one record: the id goes into `idArg`; an empty result (or a not-found fault) is 'not_found'. */
export async function getRecord(
  context: SoapOperationContext,
  entity: string,
  sourceId: string,
  options: CallOptions = {},
): Promise<SourceRecord> {
  const spec = operationFor(context, entity, 'get');
  if (!spec.idArg) throw new AdapterError('unsupported', `the get operation of '${entity}' names no idArg`);
  const operation = spec.operation!;
  const result = await callOperation(
    context,
    operation,
    withArg({ ...spec.input }, spec.idArg, sourceId),
    options.signal,
  );
  const record = recordAt(result, spec.record, operation);
  if (!record) {
    throw new AdapterError('not_found', `${entity} '${sourceId.slice(0, 64)}' was not found`, {
      details: { entity, operation },
    });
  }
  return record;
}
