import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { Brackets, In, Repository } from 'typeorm';
import { CanonicalRecordEntity } from './canonical-record.entity';

/** Sortable columns of the store, by the name a caller uses: the SQL expression and the entity property. */
export const STORE_SORT_COLUMNS = {
  name: { sql: "COALESCE(r.label, '')", property: 'label' },
  number: { sql: "COALESCE(r.label, '')", property: 'label' },
  sku: { sql: "COALESCE(r.label, '')", property: 'label' },
  lastName: { sql: "COALESCE(r.label, '')", property: 'label' },
  email: { sql: "COALESCE(r.email, '')", property: 'email' },
  status: { sql: "COALESCE(r.status, '')", property: 'status' },
  updatedAt: { sql: 'r.modified_at', property: 'modifiedAt' },
  sourceId: { sql: 'r.source_id', property: 'sourceId' },
  id: { sql: 'r.id', property: 'id' },
} as const;

export type StoreSortKey = keyof typeof STORE_SORT_COLUMNS;

const READ_COLUMNS: [string, keyof CanonicalRecordEntity][] = [
  ['id', 'id'],
  ['tenant_id', 'tenantId'],
  ['connection_id', 'connectionId'],
  ['entity', 'entity'],
  ['source_id', 'sourceId'],
  ['data', 'data'],
  ['content_hash', 'contentHash'],
  ['raw_hash', 'rawHash'],
  ['version', 'version'],
  ['label', 'label'],
  ['search', 'search'],
  ['email', 'email'],
  ['status', 'status'],
  ['customer_source_id', 'customerSourceId'],
  ['modified_at', 'modifiedAt'],
  ['fetched_at', 'fetchedAt'],
  ['mapping_version', 'mappingVersion'],
  ['sync_run_id', 'syncRunId'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
];

export interface StoreFilter {
  entity: string;
  connectionId?: string;
  status?: string;
  /** Lower-cased. */
  email?: string;
  customerSourceId?: string;
  /** ISO 8601 UTC instant. */
  modifiedSince?: string;
  /** Lower-cased substring of the searched fields. */
  q?: string;
  sort: { key: StoreSortKey; descending: boolean };
  after?: { value: string; id: string };
  limit: number;
}

@Injectable()
export class CanonicalRecordRepository {
  constructor(@InjectRepository(CanonicalRecordEntity) private readonly records: Repository<CanonicalRecordEntity>) {}

  get(tenantId: TenantId, id: string): Promise<CanonicalRecordEntity | null> {
    return this.records.findOneBy({ tenantId, id });
  }

  /** The rows with these ids, read as plain rows in one query (no entity hydration). */
  async byIds(tenantId: TenantId, ids: string[]): Promise<CanonicalRecordEntity[]> {
    if (ids.length === 0) return [];
    const postgres = this.records.manager.connection.options.type === 'postgres';
    const rows = (await this.records.query(
      `SELECT ${READ_COLUMNS.map(([column, property]) => `${column} AS "${property}"`).join(', ')} FROM canonical_records ` +
        (postgres
          ? 'WHERE tenant_id = $1 AND id = ANY($2::text[])'
          : `WHERE tenant_id = ? AND id IN (${ids.map(() => '?').join(', ')})`),
      postgres ? [tenantId, ids] : [tenantId, ...ids],
    )) as CanonicalRecordEntity[];
    return rows;
  }

  /** One page in the requested order; each row comes with the value it was sorted by (for the next cursor). */
  async page(tenantId: TenantId, filter: StoreFilter): Promise<{ record: CanonicalRecordEntity; sortValue: string }[]> {
    const { sql: column, property } = STORE_SORT_COLUMNS[filter.sort.key];
    const direction = filter.sort.descending ? 'DESC' : 'ASC';
    const query = this.records
      .createQueryBuilder('r')
      .where('r.tenant_id = :tenantId AND r.entity = :entity', { tenantId, entity: filter.entity });
    if (filter.connectionId) query.andWhere('r.connection_id = :connectionId', { connectionId: filter.connectionId });
    if (filter.status !== undefined) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.email !== undefined) query.andWhere('r.email = :email', { email: filter.email });
    if (filter.customerSourceId !== undefined) {
      query.andWhere('r.customer_source_id = :customerSourceId', { customerSourceId: filter.customerSourceId });
    }
    if (filter.modifiedSince) query.andWhere('r.modified_at >= :since', { since: filter.modifiedSince });
    if (filter.q)
      query.andWhere("r.search LIKE :q ESCAPE '\\'", { q: `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (filter.after) {
      const after = filter.after;
      const op = filter.sort.descending ? '<' : '>';
      query.andWhere(
        new Brackets((where) =>
          where
            .where(`${column} ${op} :afterValue`, { afterValue: after.value })
            .orWhere(`(${column} = :afterValue AND r.id ${op} :afterId)`, { afterId: after.id }),
        ),
      );
    }
    query.orderBy(column, direction).addOrderBy('r.id', direction).limit(filter.limit);
    return (await query.getMany()).map((record) => ({ record, sortValue: String(record[property] ?? '') }));
  }

  inConnection(
    tenantId: TenantId,
    entity: string,
    connectionId: string,
    sourceIds: string[],
  ): Promise<CanonicalRecordEntity[]> {
    if (sourceIds.length === 0) return Promise.resolve([]);
    return this.records.findBy({ tenantId, entity, connectionId, sourceId: In(sourceIds) });
  }

  bySourceIds(tenantId: TenantId, entity: string, sourceIds: string[]): Promise<CanonicalRecordEntity[]> {
    if (sourceIds.length === 0) return Promise.resolve([]);
    return this.records.findBy({ tenantId, entity, sourceId: In(sourceIds) });
  }

  byEmails(tenantId: TenantId, entity: string, emails: string[]): Promise<CanonicalRecordEntity[]> {
    if (emails.length === 0) return Promise.resolve([]);
    return this.records.findBy({ tenantId, entity, email: In(emails) });
  }
}
