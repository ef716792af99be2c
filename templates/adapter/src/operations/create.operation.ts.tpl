import type { CallOptions, SourceRecord } from '@trestle/adapter-sdk';
import type { __Kind__OperationSpec } from '../__kind__-settings';
import type { __Kind__Client } from '../transport/__kind__-client';

export function create(
  client: __Kind__Client,
  spec: __Kind__OperationSpec,
  record: SourceRecord,
  options: CallOptions = {},
): Promise<SourceRecord> {
  return client.request<SourceRecord>(spec.path, { method: 'POST', body: record, signal: options.signal });
}
