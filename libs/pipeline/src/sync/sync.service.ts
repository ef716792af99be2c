import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '@trestle/audit';
import { actorOf, Principal, TenantId } from '@trestle/auth';
import { ConnectionGateway, ConnectionService } from '@trestle/connectors';
import { isCanonicalEntity, ProblemException } from '@trestle/core';
import { defaultRepeatStrategy } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { PipelineChain } from '../pipeline-chain.service';
import { QueueDriver } from '../queue/queue-driver';
import { QueueName } from '../queue/queue-name';
import { SyncMode } from './sync-mode';
import { SyncRunEntity } from './sync-run.entity';
import { SyncRunRepository } from './sync-run.repository';
import { SyncScheduleEntity } from './sync-schedule.entity';
import { SyncScheduleRepository } from './sync-schedule.repository';
import { SyncStateRepository } from './sync-state.repository';
import {
  ListSyncsQuery,
  StartSyncDto,
  SyncRunListResponse,
  SyncRunResponse,
  SyncScheduleDto,
  SyncScheduleResponse,
} from './sync.dto';

export const SCHEDULE_ACTOR = 'schedule';

/** Starts, reports, cancels and schedules syncs; finishes a run once every page read has been normalized. */
@Injectable()
export class SyncService {
  private readonly logger = new Logger(SyncService.name);

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly states: SyncStateRepository,
    private readonly schedules: SyncScheduleRepository,
    private readonly connections: ConnectionService,
    private readonly gateway: ConnectionGateway,
    private readonly chain: PipelineChain,
    private readonly queue: QueueDriver,
    private readonly audit: AuditWriter,
  ) {}

  async start(principal: Principal, connectionId: string, dto: StartSyncDto): Promise<SyncRunResponse> {
    await this.connections.get(principal, connectionId);
    const run = await this.begin(
      principal.tenantId,
      connectionId,
      dto.entity,
      dto.mode ?? 'incremental',
      actorOf(principal),
    );
    if (!run) throw ProblemException.conflict(`A ${dto.entity} sync of this connection is already under way.`);
    return this.toResponse(run);
  }

  /** A scheduled trigger: starts a run unless one is under way (then this tick is skipped). */
  async startScheduled(tenantId: TenantId, connectionId: string, entity: string, mode: SyncMode): Promise<void> {
    const run = await this.begin(tenantId, connectionId, entity, mode, SCHEDULE_ACTOR);
    if (!run) this.logger.log({ connectionId, entity }, 'Scheduled sync skipped: one is already under way');
  }

  async get(principal: Principal, id: string): Promise<SyncRunResponse> {
    const run = await this.runs.get(principal.tenantId, id);
    if (!run) throw ProblemException.notFound('Sync', id);
    return this.toResponse(run);
  }

  async listForConnection(
    principal: Principal,
    connectionId: string,
    query: ListSyncsQuery,
  ): Promise<SyncRunListResponse> {
    await this.connections.get(principal, connectionId);
    const runs = await this.runs.listForConnection(principal.tenantId, connectionId, query.limit ?? 20);
    return { data: await Promise.all(runs.map((run) => this.toResponse(run))) };
  }

  /** The run stops after the page it is reading; pages already read are still normalized. */
  async cancel(principal: Principal, id: string): Promise<SyncRunResponse> {
    const run = await this.runs.get(principal.tenantId, id);
    if (!run) throw ProblemException.notFound('Sync', id);
    if (!(await this.runs.requestCancel(principal.tenantId, id))) {
      throw ProblemException.conflict(`Sync '${id}' has ended already (${run.status}).`);
    }
    return this.toResponse((await this.runs.get(principal.tenantId, id)) ?? run);
  }

  /** Ends the run as succeeded when reading is done and every page read has been normalized. */
  async finishIfComplete(tenantId: TenantId, runId: string): Promise<void> {
    const run = await this.runs.get(tenantId, runId);
    if (!run || !run.readDone || (run.status !== 'running' && run.status !== 'queued')) return;
    const totals = await this.runs.pageTotals(tenantId, runId);
    if (totals.pages < run.pagesRead) return;
    if (!(await this.runs.finish(tenantId, runId, 'succeeded'))) return;
    await this.states.recordSuccess(tenantId, run.connectionId, run.entity, runId, totals.maxModifiedAt);
    await this.audit.record({
      tenantId,
      actor: 'system:pipeline',
      action: 'pipeline.sync.complete',
      resource: `syncs/${runId}`,
      connectionId: run.connectionId,
      outcome: 'success',
      details: { entity: run.entity, mode: run.mode, recordsRead: run.recordsRead, ...totals },
    });
  }

  async fail(tenantId: TenantId, runId: string, error: { code: string; message: string }): Promise<void> {
    await this.runs.finish(tenantId, runId, 'failed', error);
  }

  async schedulesOf(principal: Principal, connectionId: string): Promise<SyncScheduleResponse[]> {
    await this.connections.get(principal, connectionId);
    return (await this.schedules.listForConnection(principal.tenantId, connectionId)).map(toScheduleResponse);
  }

  async putSchedule(
    principal: Principal,
    connectionId: string,
    entity: string,
    dto: SyncScheduleDto,
  ): Promise<SyncScheduleResponse> {
    await this.connections.get(principal, connectionId);
    await this.requireListable(principal.tenantId, connectionId, entity, dto.mode ?? 'incremental');
    if ((dto.cron === undefined) === (dto.everyMs === undefined)) {
      throw ProblemException.validation([{ field: 'cron', message: 'give exactly one of cron and everyMs' }]);
    }
    if (dto.cron !== undefined) checkCron(dto.cron);
    const schedule = await this.schedules.put(principal.tenantId, {
      connectionId,
      entity,
      mode: dto.mode ?? 'incremental',
      cron: dto.cron ?? null,
      everyMs: dto.everyMs ?? null,
    });
    await this.arm(schedule);
    return toScheduleResponse(schedule);
  }

  async removeSchedule(principal: Principal, connectionId: string, entity: string): Promise<void> {
    await this.connections.get(principal, connectionId);
    if (!(await this.schedules.remove(principal.tenantId, connectionId, entity))) {
      throw ProblemException.notFound('Sync schedule', `${connectionId}/${entity}`);
    }
    await this.queue.unschedule(QueueName.SyncTrigger, schedulerId(principal.tenantId, connectionId, entity));
  }

  /** Arms every stored schedule (idempotent); called when a process that owns schedules starts. */
  async armAll(): Promise<void> {
    for (const schedule of await this.schedules.listOfEveryTenant()) {
      await this.arm(schedule).catch((error: unknown) =>
        this.logger.warn({ err: String(error), connectionId: schedule.connectionId }, 'Could not arm sync schedule'),
      );
    }
  }

  private arm(schedule: SyncScheduleEntity): Promise<void> {
    return this.queue
      .schedule(
        QueueName.SyncTrigger,
        schedulerId(schedule.tenantId, schedule.connectionId, schedule.entity),
        { cron: schedule.cron ?? undefined, everyMs: schedule.everyMs ?? undefined },
        {
          tenantId: schedule.tenantId,
          connectionId: schedule.connectionId,
          entity: schedule.entity,
          mode: schedule.mode,
        },
      )
      .catch((error: unknown) => {
        throw unavailable(error);
      });
  }

  private async begin(
    tenantId: TenantId,
    connectionId: string,
    entity: string,
    mode: SyncMode,
    triggeredBy: string,
  ): Promise<SyncRunEntity | undefined> {
    await this.requireListable(tenantId, connectionId, entity, mode);
    if (await this.runs.findActive(tenantId, connectionId, entity)) return undefined;
    const state = mode === 'incremental' ? await this.states.get(tenantId, connectionId, entity) : null;
    const run = await this.runs.create(tenantId, {
      id: randomUUID(),
      connectionId,
      entity,
      mode,
      triggeredBy,
      modifiedSince: state?.watermark ?? null,
    });
    try {
      await this.chain.startRun(run);
    } catch (error) {
      await this.runs.finish(tenantId, run.id, 'failed', {
        code: 'queue_unavailable',
        message: 'The queue is unreachable.',
      });
      throw unavailable(error);
    }
    return run;
  }

  private async requireListable(
    tenantId: TenantId,
    connectionId: string,
    entity: string,
    mode: SyncMode,
  ): Promise<void> {
    const binding = isCanonicalEntity(entity)
      ? (await this.gateway.definition(tenantId, connectionId)).entities[entity]
      : undefined;
    const list = binding?.operations.list;
    if (!list) {
      throw ProblemException.validation([
        { field: 'entity', message: `this connection cannot list ${entity} records` },
      ]);
    }
    if (mode === 'incremental' && !list.incremental) {
      throw ProblemException.validation([
        { field: 'mode', message: `the ${entity} listing of this connection has no incremental spec; use mode=full` },
      ]);
    }
  }

  private async toResponse(run: SyncRunEntity): Promise<SyncRunResponse> {
    const totals = await this.runs.pageTotals(run.tenantId as TenantId, run.id);
    return {
      id: run.id,
      connectionId: run.connectionId,
      entity: run.entity,
      mode: run.mode,
      status: run.status,
      triggeredBy: run.triggeredBy,
      modifiedSince: run.modifiedSince,
      cancelRequested: run.cancelRequested,
      progress: {
        pages: run.pagesRead,
        recordsRead: run.recordsRead,
        written: totals.written,
        unchanged: totals.unchanged,
        rejected: totals.rejected,
        pagesNormalized: totals.pages,
      },
      ...(run.error ? { error: JSON.parse(run.error) as { code: string; message: string } } : {}),
      createdAt: run.createdAt.toISOString(),
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
    };
  }
}

function schedulerId(tenantId: string, connectionId: string, entity: string): string {
  return `${tenantId}.${connectionId}.${entity}`;
}

function checkCron(cron: string): void {
  try {
    defaultRepeatStrategy(Date.now(), { pattern: cron, tz: 'UTC' });
  } catch {
    throw ProblemException.validation([{ field: 'cron', message: 'is not a valid cron pattern' }]);
  }
}

function unavailable(error: unknown): ProblemException {
  return error instanceof ProblemException
    ? error
    : new ProblemException(503, 'unavailable', 'Service unavailable', {
        detail: 'The job queue is unreachable; try again shortly.',
        cause: error,
      });
}

function toScheduleResponse(schedule: SyncScheduleEntity): SyncScheduleResponse {
  return {
    connectionId: schedule.connectionId,
    entity: schedule.entity,
    mode: schedule.mode,
    cron: schedule.cron,
    everyMs: schedule.everyMs,
    updatedAt: schedule.updatedAt,
  };
}
