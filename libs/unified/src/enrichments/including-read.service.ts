import { Injectable, Optional } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import type { CanonicalEntityName } from '@trestle/core';
import { EnrichmentReader } from '@trestle/inference';
import { EntityReadService } from '../entity-read.service';
import type { CanonicalRecord } from '../live/canonical-mapper';
import type { ListEntitiesQuery, ReadModeQuery } from '../live/list-entities.query';

/**
 * REST reads with `?include=`: the plain read, then (only when asked) one lookup of the page's
 * enrichments, each record carrying its own under `enrichments`.
 */
@Injectable()
export class IncludingReadService {
  constructor(
    private readonly reads: EntityReadService,
    @Optional() private readonly enrichments?: EnrichmentReader,
  ) {}

  async list(principal: Principal, entity: CanonicalEntityName, query: ListEntitiesQuery) {
    const page = await this.reads.list(principal, entity, query);
    if (query.include !== 'enrichments') return page;
    return { ...page, data: await this.withEnrichments(principal, entity, page.data) };
  }

  async get(principal: Principal, entity: CanonicalEntityName, id: string, query: ReadModeQuery) {
    const record = await this.reads.get(principal, entity, id, query.mode);
    if (query.include !== 'enrichments') return record;
    return (await this.withEnrichments(principal, entity, [record]))[0];
  }

  private async withEnrichments(
    principal: Principal,
    entity: CanonicalEntityName,
    records: CanonicalRecord[],
  ): Promise<CanonicalRecord[]> {
    const found = await this.enrichments?.forRecords(
      principal.tenantId,
      entity,
      records.map((record) => record.id),
    );
    return records.map((record) => ({ ...record, enrichments: found?.get(record.id) ?? [] }));
  }
}
