import { Injectable } from '@nestjs/common';
import type { SourceRecord } from '@trestle/adapter-sdk';
import { normalizeJobId } from './jobs/normalize.job';
import { syncJobId } from './jobs/sync.job';
import { QueueDriver } from './queue/queue-driver';
import { QueueName } from './queue/queue-name';
import type { SyncRunEntity } from './sync/sync-run.entity';

/**
 * What follows what, in one place: a run starts with page 0; each page read goes to
 * normalization and, when more follow, to the next page; normalized changes go on to inference
 * once libs/inference turns it on (`enableInference`). Job ids make every hand-off idempotent.
 */
@Injectable()
export class PipelineChain {
  private scores?: (entity: string) => boolean;

  constructor(private readonly queue: QueueDriver) {}

  /**
   * Called by the inference module when it consumes QueueName.Infer; `scores` says which entities
   * have a model now, sparing the others an infer job per page.
   */
  enableInference(scores: (entity: string) => boolean = () => true): void {
    this.scores = scores;
  }

  startRun(run: SyncRunEntity): Promise<void> {
    return this.readPage(run, 0);
  }

  readPage(run: SyncRunEntity, page: number): Promise<void> {
    const data = { tenantId: run.tenantId, runId: run.id, page };
    return this.queue.enqueue(QueueName.Sync, data, { jobId: syncJobId(data) });
  }

  pageRead(run: SyncRunEntity, page: number, records: SourceRecord[], fetchedAt: string): Promise<void> {
    const data = {
      tenantId: run.tenantId,
      runId: run.id,
      connectionId: run.connectionId,
      entity: run.entity,
      page,
      fetchedAt,
      records,
    };
    return this.queue.enqueue(QueueName.Normalize, data, { jobId: normalizeJobId(data) });
  }

  async normalized(tenantId: string, connectionId: string, entity: string, recordIds: string[]): Promise<void> {
    if (!this.scores || recordIds.length === 0 || !this.scores(entity)) return;
    await this.queue.enqueue(QueueName.Infer, { tenantId, connectionId, entity, recordIds });
  }
}
