import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { randomUUID } from 'node:crypto';
import { In, Repository } from 'typeorm';
import { EnrichmentEntity } from './enrichment.entity';

const LOOKUP_CHUNK = 400;

export type NewEnrichment = Omit<EnrichmentEntity, 'id' | 'tenantId' | 'createdAt'>;

export interface EnrichmentFilter {
  entity?: string;
  recordId?: string;
  model?: string;
}

@Injectable()
export class EnrichmentRepository {
  constructor(@InjectRepository(EnrichmentEntity) private readonly enrichments: Repository<EnrichmentEntity>) {}

  /** Newest first. */
  list(tenantId: TenantId, filter: EnrichmentFilter, limit: number): Promise<EnrichmentEntity[]> {
    return this.enrichments.find({
      where: { tenantId, ...filter },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }

  /** What one model version already produced for these records (any input hash). */
  async existing(
    tenantId: TenantId,
    entity: string,
    model: string,
    modelVersion: string,
    recordIds: string[],
  ): Promise<EnrichmentEntity[]> {
    const chunks: string[][] = [];
    for (let start = 0; start < recordIds.length; start += LOOKUP_CHUNK) {
      chunks.push(recordIds.slice(start, start + LOOKUP_CHUNK));
    }
    const found = await Promise.all(
      chunks.map((ids) => this.enrichments.findBy({ tenantId, entity, model, modelVersion, recordId: In(ids) })),
    );
    return found.flat();
  }

  /** Every enrichment of these records, newest first: one query for up to 400 records. */
  async forRecords(
    tenantId: TenantId,
    entity: string,
    recordIds: string[],
    model?: string,
  ): Promise<EnrichmentEntity[]> {
    const chunks: string[][] = [];
    for (let start = 0; start < recordIds.length; start += LOOKUP_CHUNK) {
      chunks.push(recordIds.slice(start, start + LOOKUP_CHUNK));
    }
    const found = await Promise.all(
      chunks.map((ids) =>
        this.enrichments.find({
          where: { tenantId, entity, recordId: In(ids), ...(model !== undefined && { model }) },
          order: { createdAt: 'DESC', id: 'ASC' },
        }),
      ),
    );
    return found.flat();
  }

  /** Inserts; a row already there for the same record, model version and input hash is kept as it is. */
  async insert(tenantId: TenantId, rows: NewEnrichment[]): Promise<void> {
    if (rows.length === 0) return;
    const createdAt = new Date();
    await this.enrichments
      .createQueryBuilder()
      .insert()
      .into(EnrichmentEntity)
      .values(rows.map((row) => ({ ...row, id: randomUUID(), tenantId, createdAt })))
      .orIgnore()
      .execute();
  }
}
