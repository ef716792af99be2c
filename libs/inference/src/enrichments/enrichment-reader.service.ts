import { Injectable } from '@nestjs/common';
import type { TenantId } from '@trestle/auth';
import type { CanonicalEntityName } from '@trestle/core';
import { EnrichmentResponse } from './enrichment.dto';
import { EnrichmentRepository } from './enrichment.repository';
import { toEnrichmentResponse } from './enrichment-query.service';

/**
 * The current enrichments of records, for the unified API (`?include=enrichments`, GraphQL
 * `enrichments`): per record, the newest output of each model and field, newest first. One query
 * for a whole page of records.
 */
@Injectable()
export class EnrichmentReader {
  constructor(private readonly enrichments: EnrichmentRepository) {}

  async forRecords(
    tenantId: TenantId,
    entity: CanonicalEntityName,
    recordIds: readonly string[],
    model?: string,
  ): Promise<Map<string, EnrichmentResponse[]>> {
    const byRecord = new Map<string, EnrichmentResponse[]>(recordIds.map((id) => [id, []]));
    if (recordIds.length === 0) return byRecord;
    const rows = await this.enrichments.forRecords(tenantId, entity, [...new Set(recordIds)], model);
    const seen = new Set<string>();
    for (const row of rows) {
      const key = `${row.recordId}\u0000${row.model}\u0000${row.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      byRecord.get(row.recordId)?.push(toEnrichmentResponse(row));
    }
    return byRecord;
  }
}
