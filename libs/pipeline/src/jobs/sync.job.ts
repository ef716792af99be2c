/** Reads one page of a sync run from the legacy system; the next page is its own job. */
export interface SyncJobData {
  tenantId: string;
  runId: string;
  /** 0-based page number; the run's stored cursor says where this page starts. */
  page: number;
}

export const syncJobId = (data: SyncJobData) => `${data.runId}.read.${data.page}`;
