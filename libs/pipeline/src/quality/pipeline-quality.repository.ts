import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { FindOptionsWhere, Repository } from 'typeorm';
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

/** Reads the counters the normalized-batch commit keeps (see NormalizedBatchRepository). */
@Injectable()
export class PipelineQualityRepository {
  constructor(
    @InjectRepository(PipelineQualityEntity) private readonly figures: Repository<PipelineQualityEntity>,
    @InjectRepository(PipelineQualityFieldEntity) private readonly fields: Repository<PipelineQualityFieldEntity>,
  ) {}

  async list(tenantId: TenantId, filter: QualityFilter): Promise<QualityFigures[]> {
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
    const [rows, fields] = await Promise.all([this.figures.find(), this.fields.find()]);
    return combine(rows, fields);
  }
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
