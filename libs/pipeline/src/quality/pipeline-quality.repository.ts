import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { isPostgres, sqlFor } from '@trestle/core';
import { DataSource, EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import { PipelineQualityFieldEntity } from './pipeline-quality-field.entity';
import { PipelineQualityEntity } from './pipeline-quality.entity';

export interface QualityFilter {
  connectionId?: string;
  entity?: string;
}

export interface QualityFigures {
  tenantId: string;
  connectionId: string;
  entity: string;
  recordsRead: number;
  written: number;
  unchanged: number;
  rejected: number;
  duplicates: number;
  missingRequired: Record<string, number>;
  lastRunId: string | null;
  updatedAt: string;
}

interface PendingPage {
  run_id: string;
  page: number;
  tenant_id: string;
  connection_id: string;
  entity: string;
  records_read: number | string;
  written: number | string;
  unchanged: number | string;
  rejected: number | string;
  duplicates: number | string;
  missing_required: string | null;
  created_at: string;
}

interface Totals {
  tenantId: string;
  connectionId: string;
  entity: string;
  read: number;
  written: number;
  unchanged: number;
  rejected: number;
  duplicates: number;
  missing: Map<string, number>;
  lastRunId: string;
  updatedAt: string;
}

/** Pages folded per statement. */
const FOLD_CHUNK = 500;

/**
 * Reads the data-quality figures. A committed sync page keeps its own figures on its page marker
 * (see NormalizedBatchRepository), so page commits share no counter row; a read first folds the
 * pages not counted yet into the totals, in one transaction that takes each page exactly once.
 */
@Injectable()
export class PipelineQualityRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(PipelineQualityEntity) private readonly figures: Repository<PipelineQualityEntity>,
    @InjectRepository(PipelineQualityFieldEntity) private readonly fields: Repository<PipelineQualityFieldEntity>,
  ) {}

  async list(tenantId: TenantId, filter: QualityFilter): Promise<QualityFigures[]> {
    await this.foldPendingPages(tenantId);
    const where: FindOptionsWhere<PipelineQualityEntity> = {
      tenantId,
      ...(filter.connectionId ? { connectionId: filter.connectionId } : {}),
      ...(filter.entity ? { entity: filter.entity } : {}),
    };
    const [rows, fields] = await Promise.all([
      this.figures.find({ where, order: { connectionId: 'ASC', entity: 'ASC' } }),
      this.fields.find({ where, order: { field: 'ASC' } }),
    ]);
    return combine(rows, fields);
  }

  /** Every tenant's figures, for the metrics exposition. */
  async listOfEveryTenant(): Promise<QualityFigures[]> {
    await this.foldPendingPages(undefined);
    const [rows, fields] = await Promise.all([this.figures.find(), this.fields.find()]);
    return combine(rows, fields);
  }

  /** Adds the figures of committed pages not counted yet (of one tenant, or of all) to the totals. */
  private async foldPendingPages(tenantId: TenantId | undefined): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const pages = (await manager.query(
        this.sql(
          'SELECT run_id, page, tenant_id, connection_id, entity, records_read, written, unchanged, rejected, duplicates, ' +
            'missing_required, created_at FROM sync_run_pages WHERE quality_pending' +
            (tenantId === undefined ? '' : ' AND tenant_id = ?') +
            ' ORDER BY created_at, run_id, page' +
            (this.postgres ? ' FOR UPDATE' : ''),
        ),
        tenantId === undefined ? [] : [tenantId],
      )) as PendingPage[];
      if (pages.length === 0) return;
      for (let start = 0; start < pages.length; start += FOLD_CHUNK) {
        const chunk = pages.slice(start, start + FOLD_CHUNK);
        await manager.query(
          this.sql(
            `UPDATE sync_run_pages SET quality_pending = ? WHERE ${chunk.map(() => '(run_id = ? AND page = ?)').join(' OR ')}`,
          ),
          [0, ...chunk.flatMap((page) => [page.run_id, page.page])],
        );
      }
      for (const totals of sumByEntity(pages)) await this.add(manager, totals);
    });
  }

  private async add(manager: EntityManager, totals: Totals): Promise<void> {
    const key = [totals.tenantId, totals.connectionId, totals.entity];
    await manager.query(
      this.sql(
        'INSERT INTO pipeline_quality (tenant_id, connection_id, entity, records_read, written, unchanged, rejected, duplicates, last_run_id, updated_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, connection_id, entity) DO UPDATE SET ' +
          'records_read = pipeline_quality.records_read + excluded.records_read, ' +
          'written = pipeline_quality.written + excluded.written, ' +
          'unchanged = pipeline_quality.unchanged + excluded.unchanged, ' +
          'rejected = pipeline_quality.rejected + excluded.rejected, ' +
          'duplicates = pipeline_quality.duplicates + excluded.duplicates, ' +
          'last_run_id = CASE WHEN excluded.updated_at >= pipeline_quality.updated_at THEN excluded.last_run_id ELSE pipeline_quality.last_run_id END, ' +
          'updated_at = CASE WHEN excluded.updated_at >= pipeline_quality.updated_at THEN excluded.updated_at ELSE pipeline_quality.updated_at END',
      ),
      [
        ...key,
        totals.read,
        totals.written,
        totals.unchanged,
        totals.rejected,
        totals.duplicates,
        totals.lastRunId,
        totals.updatedAt,
      ],
    );
    const fields = [...totals.missing].sort(([a], [b]) => (a < b ? -1 : 1));
    if (fields.length === 0) return;
    await manager.query(
      this.sql(
        `INSERT INTO pipeline_quality_fields (tenant_id, connection_id, entity, field, missing) VALUES ${fields.map(() => '(?, ?, ?, ?, ?)').join(', ')} ` +
          'ON CONFLICT (tenant_id, connection_id, entity, field) DO UPDATE SET missing = pipeline_quality_fields.missing + excluded.missing',
      ),
      fields.flatMap(([field, missing]) => [...key, field, missing]),
    );
  }

  private get postgres(): boolean {
    return isPostgres(this.dataSource);
  }

  private sql(text: string): string {
    return sqlFor(this.dataSource, text);
  }
}

/**
 * The pages' figures summed per tenant, connection and entity, in key order (so concurrent folds
 * lock the totals rows in the same order); the latest page names the last run.
 */
function sumByEntity(pages: PendingPage[]): Totals[] {
  const byKey = new Map<string, Totals>();
  for (const page of pages) {
    const key = `${page.tenant_id}\u0000${page.connection_id}\u0000${page.entity}`;
    let totals = byKey.get(key);
    if (!totals) {
      totals = {
        tenantId: page.tenant_id,
        connectionId: page.connection_id,
        entity: page.entity,
        read: 0,
        written: 0,
        unchanged: 0,
        rejected: 0,
        duplicates: 0,
        missing: new Map(),
        lastRunId: page.run_id,
        updatedAt: page.created_at,
      };
      byKey.set(key, totals);
    }
    totals.read += Number(page.records_read);
    totals.written += Number(page.written);
    totals.unchanged += Number(page.unchanged);
    totals.rejected += Number(page.rejected);
    totals.duplicates += Number(page.duplicates);
    for (const [field, count] of Object.entries(JSON.parse(page.missing_required ?? '{}') as Record<string, number>)) {
      const name = field.slice(0, 200);
      totals.missing.set(name, (totals.missing.get(name) ?? 0) + count);
    }
    if (page.created_at >= totals.updatedAt) {
      totals.lastRunId = page.run_id;
      totals.updatedAt = page.created_at;
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, totals]) => totals);
}

function combine(rows: PipelineQualityEntity[], fields: PipelineQualityFieldEntity[]): QualityFigures[] {
  const key = (row: { tenantId: string; connectionId: string; entity: string }) =>
    `${row.tenantId}\u0000${row.connectionId}\u0000${row.entity}`;
  const missing = new Map<string, Record<string, number>>();
  for (const field of fields) {
    const counts = missing.get(key(field)) ?? {};
    counts[field.field] = Number(field.missing);
    missing.set(key(field), counts);
  }
  return rows.map((row) => ({
    tenantId: row.tenantId,
    connectionId: row.connectionId,
    entity: row.entity,
    recordsRead: Number(row.recordsRead),
    written: Number(row.written),
    unchanged: Number(row.unchanged),
    rejected: Number(row.rejected),
    duplicates: Number(row.duplicates),
    missingRequired: missing.get(key(row)) ?? {},
    lastRunId: row.lastRunId,
    updatedAt: row.updatedAt,
  }));
}
