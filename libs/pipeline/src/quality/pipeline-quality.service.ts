import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { QualityFiguresResponse, QualityListResponse, QualityQuery } from './pipeline-quality.dto';
import { QualityFigures, PipelineQualityRepository } from './pipeline-quality.repository';

/** Data-quality figures of the caller tenant's syncs, per connection and entity. */
@Injectable()
export class PipelineQualityService {
  constructor(private readonly quality: PipelineQualityRepository) {}

  async list(principal: Principal, query: QualityQuery): Promise<QualityListResponse> {
    const figures = await this.quality.list(principal.tenantId, query);
    return { data: figures.map(toResponse) };
  }
}

export function rejectedRate(figures: Pick<QualityFigures, 'rejected' | 'recordsRead'>): number {
  return figures.recordsRead === 0 ? 0 : figures.rejected / figures.recordsRead;
}

function toResponse(figures: QualityFigures): QualityFiguresResponse {
  return {
    connectionId: figures.connectionId,
    entity: figures.entity,
    recordsRead: figures.recordsRead,
    written: figures.written,
    unchanged: figures.unchanged,
    rejected: figures.rejected,
    rejectedRate: rejectedRate(figures),
    duplicates: figures.duplicates,
    missingRequired: figures.missingRequired,
    lastRunId: figures.lastRunId,
    updatedAt: figures.updatedAt,
  };
}
