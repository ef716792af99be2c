import type { InferJobData } from '../jobs/infer.job';
import type { NormalizeJobData } from '../jobs/normalize.job';
import type { SyncTriggerJobData } from '../jobs/sync-trigger.job';
import type { SyncJobData } from '../jobs/sync.job';

/** Every queue of the pipeline. */
export enum QueueName {
  SyncTrigger = 'sync-trigger',
  Sync = 'sync',
  Normalize = 'normalize',
  Infer = 'infer',
}

/** The data type of each queue's jobs. */
export interface JobDataOf {
  [QueueName.SyncTrigger]: SyncTriggerJobData;
  [QueueName.Sync]: SyncJobData;
  [QueueName.Normalize]: NormalizeJobData;
  [QueueName.Infer]: InferJobData;
}
