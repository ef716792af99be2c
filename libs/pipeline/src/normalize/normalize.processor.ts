import { Injectable } from '@nestjs/common';
import { AuditWriter } from '@trestle/audit';
import { trustedTenantId } from '@trestle/auth';
import { ProblemException } from '@trestle/core';
import { hostname } from 'node:os';
import type { NormalizeJobData } from '../jobs/normalize.job';
import { PipelineChain } from '../pipeline-chain.service';
import { JobContext, PermanentJobError } from '../queue/queue-driver';
import { NormalizedBatchRepository } from '../store/normalized-batch.repository';
import { SyncService } from '../sync/sync.service';
import { MappingContext } from './mapping-context.service';
import { RecordNormalizer } from './record-normalizer.service';

const WORKER = `${hostname()}/${process.pid}`;

/** Maps and validates one page, stores it in one transaction (a page already stored is skipped), then hands on. */
@Injectable()
export class NormalizeProcessor {
  constructor(
    private readonly mapping: MappingContext,
    private readonly normalizer: RecordNormalizer,
    private readonly batches: NormalizedBatchRepository,
    private readonly chain: PipelineChain,
    private readonly syncs: SyncService,
    private readonly audit: AuditWriter,
  ) {}

  async handle(data: NormalizeJobData, context: JobContext): Promise<void> {
    const tenantId = trustedTenantId(data.tenantId);
    const started = performance.now();
    const base = {
      tenantId,
      actor: 'system:pipeline',
      action: 'pipeline.normalize',
      resource: `syncs/${data.runId}`,
      connectionId: data.connectionId,
    };
    try {
      const mapping = await this.mapping.of(tenantId, data.connectionId, data.entity);
      const page = await this.normalizer.normalizeYielding(
        { ...mapping, connectionId: data.connectionId, fetchedAt: data.fetchedAt, runId: data.runId },
        data.records,
      );
      const committed = await this.batches.commit(tenantId, {
        page: { runId: data.runId, page: data.page },
        records: page.records,
        rejected: page.rejected,
        maxModifiedAt: page.maxModifiedAt,
        quality: { connectionId: data.connectionId, entity: data.entity, read: data.records.length, ...page.quality },
      });
      await this.audit.record({
        ...base,
        outcome: 'success',
        durationMs: performance.now() - started,
        details: {
          entity: data.entity,
          page: data.page,
          records: data.records.length,
          duplicate: !committed,
          worker: WORKER,
          written: committed?.written.length ?? 0,
          unchanged: committed?.unchanged ?? 0,
          rejected: committed?.rejected ?? 0,
        },
      });
      if (committed) await this.chain.normalized(tenantId, data.connectionId, data.entity, committed.written);
      await this.syncs.finishIfComplete(tenantId, data.runId);
    } catch (error) {
      await this.audit.record({
        ...base,
        outcome: 'failure',
        durationMs: performance.now() - started,
        details: {
          entity: data.entity,
          page: data.page,
          attempt: context.attempt,
          worker: WORKER,
          error: error instanceof Error ? error.name : 'unknown',
        },
      });
      const final = (error instanceof ProblemException && error.status < 500) || context.attempt >= context.maxAttempts;
      if (!final) throw error;
      await this.syncs.fail(tenantId, data.runId, {
        code: 'normalize_failed',
        message: `Page ${data.page} could not be normalized: ${error instanceof Error ? error.message.slice(0, 300) : 'unknown failure'}`,
      });
      throw new PermanentJobError('normalization failed for good', { cause: error });
    }
  }
}
