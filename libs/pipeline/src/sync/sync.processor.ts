import { Injectable } from '@nestjs/common';
import { AuditWriter } from '@trestle/audit';
import { trustedTenantId, TenantId } from '@trestle/auth';
import { AdapterError, Page } from '@trestle/adapter-sdk';
import { ConnectionGateway } from '@trestle/connectors';
import { AppConfig, ProblemException } from '@trestle/core';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncTriggerJobData } from '../jobs/sync-trigger.job';
import type { SyncJobData } from '../jobs/sync.job';
import { PipelineChain } from '../pipeline-chain.service';
import { JobContext, PermanentJobError } from '../queue/queue-driver';
import { SyncRunEntity } from './sync-run.entity';
import { SyncRunRepository } from './sync-run.repository';
import { SyncService } from './sync.service';

const ACTOR = 'system:pipeline';
const WORKER = `${hostname()}/${process.pid}`;
const BACKPRESSURE_POLL_MS = 50;
const BACKPRESSURE_MAX_WAIT_MS = 60_000;

/**
 * Reads a run one page per job: the page goes to normalization before the run's cursor moves, so
 * a worker dying at any point re-reads at most that page, and the job ids make the re-read's
 * hand-offs no-ops.
 */
@Injectable()
export class SyncProcessor {
  constructor(
    private readonly runs: SyncRunRepository,
    private readonly gateway: ConnectionGateway,
    private readonly chain: PipelineChain,
    private readonly syncs: SyncService,
    private readonly audit: AuditWriter,
    private readonly config: AppConfig,
  ) {}

  async trigger(data: SyncTriggerJobData): Promise<void> {
    try {
      await this.syncs.startScheduled(trustedTenantId(data.tenantId), data.connectionId, data.entity, data.mode);
    } catch (error) {
      if (error instanceof ProblemException && error.status < 500) throw new PermanentJobError(error.message);
      throw error;
    }
  }

  async readPage(data: SyncJobData, context: JobContext): Promise<void> {
    const tenantId = trustedTenantId(data.tenantId);
    let run = await this.runs.get(tenantId, data.runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running') || run.pagesRead < data.page) return;
    if (run.pagesRead > data.page) return this.handOn(run);
    if (run.cancelRequested) return this.cancelled(run);
    if (run.status === 'queued') await this.runs.markRunning(tenantId, run.id);
    run = await this.waitForNormalization(tenantId, run);
    if (run.cancelRequested) return this.cancelled(run);

    const started = performance.now();
    try {
      const page = await this.fetch(tenantId, run);
      await this.chain.pageRead(run, data.page, page.records, new Date().toISOString());
      const advanced = await this.runs.advance(tenantId, run.id, data.page, {
        cursor: page.nextCursor ?? null,
        records: page.records.length,
        done: !page.nextCursor,
      });
      await this.audit.record({
        tenantId,
        actor: ACTOR,
        action: 'pipeline.sync.page',
        resource: `syncs/${run.id}`,
        connectionId: run.connectionId,
        outcome: 'success',
        durationMs: performance.now() - started,
        details: {
          entity: run.entity,
          page: data.page,
          records: page.records.length,
          attempt: context.attempt,
          worker: WORKER,
        },
      });
      if (advanced) await this.handOn((await this.runs.get(tenantId, run.id)) ?? run);
    } catch (error) {
      const final = isPermanent(error) || context.attempt >= context.maxAttempts;
      const failure = describe(error);
      await this.audit.record({
        tenantId,
        actor: ACTOR,
        action: 'pipeline.sync.page',
        resource: `syncs/${run.id}`,
        connectionId: run.connectionId,
        outcome: 'failure',
        durationMs: performance.now() - started,
        details: {
          entity: run.entity,
          page: data.page,
          attempt: context.attempt,
          final,
          error: failure,
          worker: WORKER,
        },
      });
      if (!final) throw error;
      await this.runs.finish(tenantId, run.id, 'failed', failure);
      throw new PermanentJobError(failure.message, { cause: error });
    }
  }

  private async handOn(run: SyncRunEntity): Promise<void> {
    if (run.readDone) return this.syncs.finishIfComplete(run.tenantId as TenantId, run.id);
    await this.chain.readPage(run, run.pagesRead);
  }

  private async fetch(tenantId: TenantId, run: SyncRunEntity): Promise<Page> {
    const pages = this.gateway.list(tenantId, run.connectionId, run.entity, {
      cursor: run.cursor ?? undefined,
      pageSize: this.config.syncPageSize,
      modifiedSince: run.modifiedSince ?? undefined,
    });
    try {
      const first = await pages.next();
      return first.done ? { records: [] } : first.value;
    } finally {
      await pages.return(undefined);
    }
  }

  private async waitForNormalization(tenantId: TenantId, run: SyncRunEntity): Promise<SyncRunEntity> {
    const deadline = Date.now() + BACKPRESSURE_MAX_WAIT_MS;
    let current = run;
    while (Date.now() < deadline && !current.cancelRequested) {
      const { pages } = await this.runs.pageTotals(tenantId, run.id);
      if (current.pagesRead - pages < this.config.syncMaxPagesAhead) break;
      await sleep(BACKPRESSURE_POLL_MS);
      current = (await this.runs.get(tenantId, run.id)) ?? current;
    }
    return current;
  }

  private async cancelled(run: SyncRunEntity): Promise<void> {
    if (!(await this.runs.finish(run.tenantId as TenantId, run.id, 'cancelled'))) return;
    await this.audit.record({
      tenantId: run.tenantId,
      actor: ACTOR,
      action: 'pipeline.sync.cancel',
      resource: `syncs/${run.id}`,
      connectionId: run.connectionId,
      outcome: 'success',
      details: { entity: run.entity, pagesRead: run.pagesRead, recordsRead: run.recordsRead },
    });
  }
}

function isPermanent(error: unknown): boolean {
  if (AdapterError.is(error)) return !error.retryable;
  return error instanceof ProblemException && error.status < 500;
}

function describe(error: unknown): { code: string; message: string } {
  if (AdapterError.is(error)) return { code: `upstream_${error.code}`, message: error.message };
  if (error instanceof ProblemException) return { code: error.code, message: error.detail ?? error.title };
  return { code: 'internal', message: error instanceof Error ? error.message.slice(0, 500) : 'unknown failure' };
}
