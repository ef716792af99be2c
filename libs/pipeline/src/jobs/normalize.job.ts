import type { SourceRecord } from '@trestle/adapter-sdk';

/** Maps, validates and stores one page of source records read by a sync run. */
export interface NormalizeJobData {
  tenantId: string;
  runId: string;
  connectionId: string;
  entity: string;
  page: number;
  fetchedAt: string;
  records: SourceRecord[];
}

export const normalizeJobId = (data: Pick<NormalizeJobData, 'runId' | 'page'>) =>
  `${data.runId}.normalize.${data.page}`;
