import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { In, LessThan, Repository } from 'typeorm';
import { SyncStatus } from './sync-mode';
import { SyncRunPageEntity } from './sync-run-page.entity';
import { SyncRunEntity } from './sync-run.entity';

export type NewSyncRun = Pick<
  SyncRunEntity,
  'id' | 'connectionId' | 'entity' | 'mode' | 'triggeredBy' | 'modifiedSince'
>;

export interface PageTotals {
  pages: number;
  written: number;
  unchanged: number;
  rejected: number;
  maxModifiedAt: string | null;
}

const ACTIVE: SyncStatus[] = ['queued', 'running'];

@Injectable()
export class SyncRunRepository {
  constructor(
    @InjectRepository(SyncRunEntity) private readonly runs: Repository<SyncRunEntity>,
    @InjectRepository(SyncRunPageEntity) private readonly pages: Repository<SyncRunPageEntity>,
  ) {}

  async create(tenantId: TenantId, run: NewSyncRun): Promise<SyncRunEntity> {
    await this.runs.insert({ ...run, tenantId, status: 'queued', cursor: null, error: null });
    return this.runs.findOneByOrFail({ tenantId, id: run.id });
  }

  get(tenantId: TenantId, id: string): Promise<SyncRunEntity | null> {
    return this.runs.findOneBy({ tenantId, id });
  }

  listForConnection(tenantId: TenantId, connectionId: string, limit: number, before?: Date): Promise<SyncRunEntity[]> {
    return this.runs.find({
      where: { tenantId, connectionId, ...(before ? { createdAt: LessThan(before) } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  findActive(tenantId: TenantId, connectionId: string, entity: string): Promise<SyncRunEntity | null> {
    return this.runs.findOneBy({ tenantId, connectionId, entity, status: In(ACTIVE) });
  }

  async markRunning(tenantId: TenantId, id: string): Promise<void> {
    await this.runs.update(
      { tenantId, id, status: 'queued' },
      { status: 'running', startedAt: new Date().toISOString() },
    );
  }

  /** Records that page `page` was read and handed on; false when another attempt got there first. */
  async advance(
    tenantId: TenantId,
    id: string,
    page: number,
    read: { cursor: string | null; records: number; done: boolean },
  ): Promise<boolean> {
    const result = await this.runs
      .createQueryBuilder()
      .update(SyncRunEntity)
      .set({
        cursor: read.cursor,
        pagesRead: page + 1,
        recordsRead: () => `records_read + ${Math.trunc(read.records)}`,
        readDone: read.done,
      })
      .where('tenant_id = :tenantId AND id = :id AND pages_read = :page', { tenantId, id, page })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async requestCancel(tenantId: TenantId, id: string): Promise<boolean> {
    const result = await this.runs.update({ tenantId, id, status: In(ACTIVE) }, { cancelRequested: true });
    return (result.affected ?? 0) > 0;
  }

  /** Ends an active run; false if it had ended already. */
  async finish(
    tenantId: TenantId,
    id: string,
    status: SyncStatus,
    error?: { code: string; message: string },
  ): Promise<boolean> {
    const result = await this.runs.update(
      { tenantId, id, status: In(ACTIVE) },
      { status, finishedAt: new Date().toISOString(), error: error ? JSON.stringify(error) : null },
    );
    return (result.affected ?? 0) > 0;
  }

  async pageTotals(tenantId: TenantId, runId: string): Promise<PageTotals> {
    const row = await this.pages
      .createQueryBuilder('p')
      .select('COUNT(*)', 'pages')
      .addSelect('COALESCE(SUM(p.written), 0)', 'written')
      .addSelect('COALESCE(SUM(p.unchanged), 0)', 'unchanged')
      .addSelect('COALESCE(SUM(p.rejected), 0)', 'rejected')
      .addSelect('MAX(p.max_modified_at)', 'maxModifiedAt')
      .where('p.tenant_id = :tenantId AND p.run_id = :runId', { tenantId, runId })
      .getRawOne<Record<string, string | number | null>>();
    return {
      pages: Number(row?.pages ?? 0),
      written: Number(row?.written ?? 0),
      unchanged: Number(row?.unchanged ?? 0),
      rejected: Number(row?.rejected ?? 0),
      maxModifiedAt: (row?.maxModifiedAt as string | null) ?? null,
    };
  }

  /** Boot of an inline (in-process) queue: runs left active by the previous process cannot go on. */
  async failActiveOfEveryTenant(error: { code: string; message: string }): Promise<number> {
    const result = await this.runs.update(
      { status: In(ACTIVE) },
      { status: 'failed', finishedAt: new Date().toISOString(), error: JSON.stringify(error) },
    );
    return result.affected ?? 0;
  }
}
