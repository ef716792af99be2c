import type { SyncMode } from '../sync/sync-mode';

/** Fired by a connection's sync schedule: starts a run unless one is already under way. */
export interface SyncTriggerJobData {
  tenantId: string;
  connectionId: string;
  entity: string;
  mode: SyncMode;
}
