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
/** How long one sync job reads before it hands the run on to a job for its next page. */
const READ_SLICE_MS = 2000;

/**
 * Reads a run page by page, a slice of pages per job: each page goes to normalization before the
 * run's cursor moves, so a worker dying at any point re-reads at most that page, and the job ids
 * make the re-read's hand-offs no-ops.
 */
@Injectable()
export class SyncProcessor {
  private stopping = false;

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

  /**
   * Reads the run from `data.page` on, page after page, for up to READ_SLICE_MS (or until the
   * process stops), then hands the rest to a job for the next page. Each page is handed to
   * normalization before the run's cursor moves past it.
   */
  async readPage(data: SyncJobData, context: JobContext): Promise<void> {
    const tenantId = trustedTenantId(data.tenantId);
    let run = await this.runs.get(tenantId, data.runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running') || run.pagesRead < data.page) return;
    if (run.pagesRead > data.page) return this.handOn(run);
    if (run.cancelRequested) return this.cancelled(run);
    if (run.status === 'queued') await this.runs.markRunning(tenantId, run.id);
    const sliceEnds = performance.now() + READ_SLICE_MS;
    for (let page = data.page; ; page++) {
      run = await this.waitForNormalization(tenantId, run);
      if (run.cancelRequested) return this.cancelled(run);
      if (!(await this.readOne(tenantId, run, page, context))) return;
      run = await this.runs.get(tenantId, run.id);
      if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
      if (run.readDone || this.stopping || performance.now() > sliceEnds) return this.handOn(run);
    }
  }

  /** Stops reading further pages in running jobs; each hands its run on after the page it is reading. */
  stop(): void {
    this.stopping = true;
  }

  /** One page: read, handed to normalization, cursor advanced. False when another attempt got there first. */
  private async readOne(tenantId: TenantId, run: SyncRunEntity, page: number, context: JobContext): Promise<boolean> {
    const started = performance.now();
    try {
      const read = await this.fetch(tenantId, run);
      await this.chain.pageRead(run, page, read.records, new Date().toISOString());
      const advanced = await this.runs.advance(tenantId, run.id, page, {
        cursor: read.nextCursor ?? null,
        records: read.records.length,
        done: !read.nextCursor,
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
          page,
          records: read.records.length,
          attempt: context.attempt,
          worker: WORKER,
        },
      });
      return advanced;
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
          page,
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
