import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditChainHeadEntity } from './audit-chain-head.entity';
import { AuditEventEntity } from './audit-event.entity';
import { eventHash, GENESIS_HASH } from './audit-hash';

export type UnchainedEvent = Omit<AuditEventEntity, 'seq' | 'prevHash' | 'hash'>;

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  connectionId?: string;
  outcome?: 'success' | 'failure';
  requestId?: string;
}

const INSERT_CHUNK = 50;

/** The only code that touches audit tables: appends (chained under a lock), reads, and retention. */
@Injectable()
export class AuditEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Chains and inserts a batch in one transaction; concurrent writers serialize on each tenant's head row. */
  async append(events: UnchainedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      const heads = await this.lockHeads(manager, [...new Set(events.map((event) => event.tenantId))].sort());
      const rows = events.map((event) => {
        const head = heads.get(event.tenantId) as AuditChainHeadEntity;
        const chained = { ...event, seq: head.seq + 1, prevHash: head.hash };
        const row: AuditEventEntity = { ...chained, hash: eventHash(chained) };
        head.seq = row.seq;
        head.hash = row.hash;
        return row;
      });
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        await this.insertRows(manager, rows.slice(start, start + INSERT_CHUNK));
      }
      for (const head of heads.values()) {
        await manager.update(AuditChainHeadEntity, { tenantId: head.tenantId }, { seq: head.seq, hash: head.hash });
      }
    });
  }

  /** Newest first, keyset-paginated by sequence. */
  list(
    tenantId: TenantId,
    filter: AuditFilter,
    beforeSeq: number | undefined,
    limit: number,
  ): Promise<AuditEventEntity[]> {
    const query = this.filtered(tenantId, filter).orderBy('e.seq', 'DESC').take(limit);
    if (beforeSeq !== undefined) query.andWhere('e.seq < :beforeSeq', { beforeSeq });
    return query.getMany();
  }

  get(tenantId: TenantId, seq: number): Promise<AuditEventEntity | null> {
    return this.dataSource.getRepository(AuditEventEntity).findOneBy({ tenantId, seq });
  }

  /** Oldest first, in chunks, holding at most one chunk in memory (raw rows: entity hydration is the slow part). */
  async *stream(tenantId: TenantId, filter: AuditFilter, chunk = 2000): AsyncGenerator<AuditEventEntity> {
    const columns = this.dataSource
      .getMetadata(AuditEventEntity)
      .columns.map((column) => [column.propertyName, column.databaseName] as const);
    let afterSeq = 0;
    for (;;) {
      const raw: Record<string, unknown>[] = await this.filtered(tenantId, filter)
        .select(columns.map(([property, column]) => `e.${column} AS "${property}"`))
        .andWhere('e.seq > :afterSeq', { afterSeq })
        .orderBy('e.seq', 'ASC')
        .limit(chunk)
        .getRawMany();
      for (const row of raw) {
        row.seq = Number(row.seq);
        if (row.durationMs !== null) row.durationMs = Number(row.durationMs);
        yield row as unknown as AuditEventEntity;
      }
      if (raw.length < chunk) return;
      afterSeq = Number(raw[raw.length - 1].seq);
    }
  }

  head(tenantId: TenantId): Promise<AuditChainHeadEntity | null> {
    return this.dataSource.getRepository(AuditChainHeadEntity).findOneBy({ tenantId });
  }

  tenants(): Promise<string[]> {
    return this.dataSource
      .getRepository(AuditChainHeadEntity)
      .find({ select: { tenantId: true } })
      .then((heads) => heads.map((head) => head.tenantId));
  }

  /**
   * Drops a tenant's events older than `cutoff` and moves the chain anchor to the last one dropped,
   * so verification of what remains still starts from a known hash.
   */
  async prune(tenantId: TenantId, cutoff: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [head] = [...(await this.lockHeads(manager, [tenantId])).values()];
      const last = await manager
        .getRepository(AuditEventEntity)
        .createQueryBuilder('e')
        .where('e.tenant_id = :tenantId AND e.occurred_at < :cutoff', { tenantId, cutoff })
        .orderBy('e.seq', 'DESC')
        .getOne();
      if (!last) return 0;
      if (this.dataSource.options.type === 'postgres') await manager.query(`SET LOCAL trestle.audit_retention = 'on'`);
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(AuditEventEntity)
        .where('tenant_id = :tenantId AND seq <= :seq', { tenantId, seq: last.seq })
        .execute();
      await manager.update(
        AuditChainHeadEntity,
        { tenantId: head.tenantId },
        { anchorSeq: last.seq, anchorHash: last.hash },
      );
      return result.affected ?? 0;
    });
  }

  /** One multi-row INSERT; TypeORM's entity insert costs more than the write itself at audit volumes. */
  private async insertRows(manager: EntityManager, rows: AuditEventEntity[]): Promise<void> {
    const columns = this.columns();
    const postgres = this.dataSource.options.type === 'postgres';
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const marks = columns.map(([property]) => {
        params.push(row[property]);
        return postgres ? `$${params.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    const names = columns.map(([, column]) => `"${column}"`).join(', ');
    await manager.query(`INSERT INTO "audit_events" (${names}) VALUES ${tuples.join(', ')}`, params);
  }

  private columns(): (readonly [keyof AuditEventEntity, string])[] {
    return this.dataSource
      .getMetadata(AuditEventEntity)
      .columns.map((column) => [column.propertyName as keyof AuditEventEntity, column.databaseName] as const);
  }

  /**
   * Creates a missing head and locks it in one statement: the no-op upsert takes the row lock on
   * PostgreSQL, and SQLite serializes writers anyway.
   */
  private async lockHeads(manager: EntityManager, tenantIds: string[]): Promise<Map<string, AuditChainHeadEntity>> {
    const postgres = this.dataSource.options.type === 'postgres';
    const heads = new Map<string, AuditChainHeadEntity>();
    for (const tenantId of tenantIds) {
      const rows: { seq: number | string; hash: string; anchor_seq: number | string; anchor_hash: string }[] =
        await manager.query(
          `INSERT INTO "audit_chain_heads" ("tenant_id", "seq", "hash", "anchor_seq", "anchor_hash") VALUES (${postgres ? "$1, 0, $2, 0, ''" : "?, 0, ?, 0, ''"})
         ON CONFLICT ("tenant_id") DO UPDATE SET "tenant_id" = excluded."tenant_id"
         RETURNING "seq", "hash", "anchor_seq", "anchor_hash"`,
          [tenantId, GENESIS_HASH],
        );
      const [row] = rows;
      heads.set(tenantId, {
        tenantId,
        seq: Number(row.seq),
        hash: row.hash,
        anchorSeq: Number(row.anchor_seq),
        anchorHash: row.anchor_hash,
      });
    }
    return heads;
  }

  private filtered(tenantId: TenantId, filter: AuditFilter): SelectQueryBuilder<AuditEventEntity> {
    const query = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId', { tenantId });
    if (filter.from) query.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.occurred_at < :to', { to: filter.to });
    if (filter.actor) query.andWhere('e.actor = :actor', { actor: filter.actor });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.connectionId) query.andWhere('e.connection_id = :connectionId', { connectionId: filter.connectionId });
    if (filter.outcome) query.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
    if (filter.requestId)
      query.andWhere(new Brackets((q) => q.where('e.request_id = :requestId', { requestId: filter.requestId })));
    return query;
  }
}
