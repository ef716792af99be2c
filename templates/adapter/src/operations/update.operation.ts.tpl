import type { CallOptions, SourceRecord } from '@trestle/adapter-sdk';
import type { __Kind__OperationSpec } from '../__kind__-settings';
import type { __Kind__Client } from '../transport/__kind__-client';

export function update(
  client: __Kind__Client,
  spec: __Kind__OperationSpec,
  sourceId: string,
  patch: SourceRecord,
  options: CallOptions = {},
): Promise<SourceRecord> {
  return client.request<SourceRecord>(`${spec.path}/${encodeURIComponent(sourceId)}`, {
    method: 'PATCH',
    body: patch,
    signal: options.signal,
  });
}
