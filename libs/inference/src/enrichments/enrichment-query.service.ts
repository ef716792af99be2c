import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { ModelRegistry } from '../registry/model-registry.service';
import { EnrichmentList, EnrichmentQuery, EnrichmentResponse, ModelList } from './enrichment.dto';
import type { EnrichmentEntity } from './enrichment.entity';
import { EnrichmentRepository } from './enrichment.repository';

const DEFAULT_LIMIT = 100;

@Injectable()
export class EnrichmentQueryService {
  constructor(
    private readonly enrichments: EnrichmentRepository,
    private readonly registry: ModelRegistry,
  ) {}

  async list(principal: Principal, query: EnrichmentQuery): Promise<EnrichmentList> {
    const filter = {
      ...(query.entity !== undefined && { entity: query.entity }),
      ...(query.recordId !== undefined && { recordId: query.recordId }),
      ...(query.model !== undefined && { model: query.model }),
    };
    const rows = await this.enrichments.list(principal.tenantId, filter, query.limit ?? DEFAULT_LIMIT);
    return { data: rows.map(toEnrichmentResponse) };
  }

  models(): ModelList {
    return {
      data: this.registry.list().map(({ declaration, servedBy }) => ({
        name: declaration.name,
        version: declaration.version,
        entity: declaration.entity,
        enrichment: declaration.output.enrichment,
        provider: declaration.provider.kind,
        servedBy,
        enabled: declaration.enabled !== false,
        description: declaration.description,
      })),
    };
  }
}

export function toEnrichmentResponse(row: EnrichmentEntity): EnrichmentResponse {
  return {
    entity: row.entity,
    recordId: row.recordId,
    model: row.model,
    version: row.modelVersion,
    field: row.field,
    output: JSON.parse(row.output) as unknown,
    inputHash: row.inputHash,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
