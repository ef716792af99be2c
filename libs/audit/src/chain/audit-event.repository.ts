import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { sqliteConnectionOf } from '@trestle/core';
import type { Database, Statement } from 'better-sqlite3';
import type { Pool } from 'pg';
import { Brackets, DataSource, EntityManager, QueryRunner, SelectQueryBuilder } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { AuditChainHeadEntity } from './audit-chain-head.entity';
import { ChainTip, EMPTY_TIP, extendChain, tipOf, UnchainedEvent } from './audit-chain';
import { AuditEventEntity } from './audit-event.entity';
import { PostgresAppendThread } from './postgres-append-thread';

export type { UnchainedEvent } from './audit-chain';

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  connectionId?: string;
  outcome?: 'success' | 'failure';
  requestId?: string;
}

type Column = readonly [keyof AuditEventEntity, string, string];

interface SqliteAppend {
  db: Database;
  run: (tenantId: string, events: UnchainedEvent[]) => AuditEventEntity[];
}

const SQLITE_TRANSACTION_WAIT_MS = 5000;
const APPEND_STATEMENT_NAME = 'trestle_audit_append';
const SQL_TYPES: Record<string, string> = { varchar: 'varchar', integer: 'integer', text: 'text' };

/**
 * The only code that touches audit event tables: appends (chained on the tenant's tip), reads, and
 * row-wise retention on SQLite.
 */
@Injectable()
export class AuditEventRepository implements OnModuleInit {
  /** PostgreSQL: the tip this process last committed per tenant, so an append is one statement. */
  private readonly tips = new Map<string, ChainTip>();
  private sqliteAppend?: SqliteAppend;
  private appendOnTipSql?: string;
  private columnList?: Column[];
  /** PostgreSQL: where appends on a known tip run, off the event loop; absent, they run on the hub's pool. */
  private appendThread?: PostgresAppendThread;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const url = this.postgres ? (this.dataSource.options as PostgresConnectionOptions).url : undefined;
    if (!url) return;
    this.appendThread = await PostgresAppendThread.start(url, {
      name: APPEND_STATEMENT_NAME,
      text: this.appendOnTipStatement(),
    });
  }

  /** Ends the append thread once nothing more is to be appended; later appends run on the hub's pool. */
  async close(): Promise<void> {
    await this.appendThread?.stop();
  }

  get postgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /**
   * Chains and commits events, each tenant's batch atomically. Writers in several processes never
   * fork a chain: a batch commits only on the tip it was chained on, or under the head's row lock.
   * `awaited`: a caller is waiting for this commit, so it takes the shortest way (on PostgreSQL,
   * the hub's own pool rather than the append thread, which is two thread hops longer).
   */
  async append(events: UnchainedEvent[], { awaited = false }: { awaited?: boolean } = {}): Promise<void> {
    const byTenant = new Map<string, UnchainedEvent[]>();
    for (const event of events) {
      const list = byTenant.get(event.tenantId);
      if (list) list.push(event);
      else byTenant.set(event.tenantId, [event]);
    }
    const results = await Promise.allSettled(
      [...byTenant].map(([tenantId, list]) => this.appendTenant(tenantId, list, awaited)),
    );
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async appendTenant(tenantId: string, events: UnchainedEvent[], awaited: boolean): Promise<void> {
    if (!this.postgres) {
      await this.appendSqlite(tenantId, events);
      return;
    }
    const tip = this.tips.get(tenantId);
    this.tips.delete(tenantId);
    if (tip) {
      const rows = extendChain(tip, events);
      const onTip = awaited || !this.appendThread?.running ? this.pool() : this.appendThread;
      if (await this.appendOnTip(onTip, tip, rows)) {
        this.tips.set(tenantId, tipOf(rows, tip));
        return;
      }
    }
    const { rows, head } = await this.appendLocked(tenantId, events);
    this.tips.set(tenantId, tipOf(rows, head));
  }

  /**
   * One statement, so one round trip and one commit: moves the head from `tip` to the last row and
   * inserts the rows, or does nothing when another writer moved the head first.
   */
  private async appendOnTip(
    runner: Pick<Pool, 'query'> | EntityManager | PostgresAppendThread,
    tip: ChainTip,
    rows: AuditEventEntity[],
  ): Promise<boolean> {
    const last = rows[rows.length - 1];
    const values = [
      last.tenantId,
      last.seq,
      last.hash,
      last.occurredAt,
      tip.seq,
      tip.hash,
      ...this.columns()
        .slice(1)
        .map(([property]) => rows.map((row) => row[property])),
    ];
    const text = this.appendOnTipStatement();
    if (runner instanceof EntityManager) {
      const result = await (runner.queryRunner as QueryRunner).query(text, values, true);
      return result.affected === rows.length;
    }
    if (runner instanceof PostgresAppendThread) return (await runner.run(values)) === rows.length;
    const result = await runner.query({ name: APPEND_STATEMENT_NAME, text, values });
    return result.rowCount === rows.length;
  }

  private appendOnTipStatement(): string {
    if (this.appendOnTipSql) return this.appendOnTipSql;
    const [tenant, ...rest] = this.columns();
    const names = rest.map(([, column]) => `"${column}"`).join(', ');
    const arrays = rest.map(([, , type], index) => `$${index + 7}::${type}[]`).join(', ');
    this.appendOnTipSql = `WITH tip AS (
        UPDATE "audit_chain_heads" SET "seq" = $2, "hash" = $3, "last_occurred_at" = $4
        WHERE "tenant_id" = $1 AND "seq" = $5 AND "hash" = $6 RETURNING "tenant_id")
      INSERT INTO "audit_events" ("${tenant[1]}", ${names})
      SELECT tip."tenant_id", e.* FROM tip CROSS JOIN unnest(${arrays}) AS e(${names})`;
    return this.appendOnTipSql;
  }

  /** PostgreSQL's slow path (a tenant's first append here, or another writer moved the head): lock, then chain. */
  private async appendLocked(
    tenantId: string,
    events: UnchainedEvent[],
  ): Promise<{ rows: AuditEventEntity[]; head: ChainTip }> {
    return this.dataSource.transaction(async (manager) => {
      // Table lock before row lock: the order retention takes them in.
      await manager.query('LOCK TABLE "audit_events" IN ROW EXCLUSIVE MODE');
      const head = await this.lockHead(manager, tenantId);
      const rows = extendChain(head, events);
      if (!(await this.appendOnTip(manager, head, rows))) throw new Error('audit chain head moved under its lock');
      return { rows, head };
    });
  }

  /**
   * SQLite has one connection: while another transaction is open on it, a commit of ours would only
   * be a savepoint inside theirs, so wait until it is closed.
   */
  private async appendSqlite(tenantId: string, events: UnchainedEvent[]): Promise<void> {
    const sqlite = this.sqlite();
    const deadline = Date.now() + SQLITE_TRANSACTION_WAIT_MS;
    while (sqlite.db.inTransaction) {
      if (Date.now() > deadline) throw new Error('audit append waited too long for another SQLite transaction');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    sqlite.run(tenantId, events);
  }

  /** SQLite: the whole append as one synchronous native transaction; nothing else can interleave with it. */
  private sqlite(): SqliteAppend {
    if (this.sqliteAppend) return this.sqliteAppend;
    const db = sqliteConnectionOf(this.dataSource);
    const columns = this.columns();
    const createHead = db.prepare(
      `INSERT OR IGNORE INTO "audit_chain_heads" ("tenant_id", "seq", "hash", "last_occurred_at", "anchor_seq", "anchor_hash") VALUES (?, 0, ?, '', 0, '')`,
    );
    const readHead: Statement<[string], { seq: number; hash: string; last_occurred_at: string }> = db.prepare(
      `SELECT "seq", "hash", "last_occurred_at" FROM "audit_chain_heads" WHERE "tenant_id" = ?`,
    );
    const insert = db.prepare(
      `INSERT INTO "audit_events" (${columns.map(([, column]) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const moveHead = db.prepare(
      `UPDATE "audit_chain_heads" SET "seq" = ?, "hash" = ?, "last_occurred_at" = ? WHERE "tenant_id" = ?`,
    );
    const append = db.transaction((tenantId: string, events: UnchainedEvent[]) => {
      createHead.run(tenantId, EMPTY_TIP.hash);
      const head = readHead.get(tenantId) as { seq: number; hash: string; last_occurred_at: string };
      const tip = { seq: head.seq, hash: head.hash, occurredAt: head.last_occurred_at };
      const rows = extendChain(tip, events);
      for (const row of rows) insert.run(columns.map(([property]) => row[property]));
      const last = tipOf(rows, tip);
      moveHead.run(last.seq, last.hash, last.occurredAt, tenantId);
      return rows;
    });
    this.sqliteAppend = { db, run: (tenantId, events) => append.immediate(tenantId, events) };
    return this.sqliteAppend;
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
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
   * SQLite: drops a tenant's events older than `cutoff` and moves the chain anchor to the last one
   * dropped, so verification of what remains still starts from a known hash. (PostgreSQL drops whole
   * time partitions instead, where rows cannot be deleted at all.)
   */
  async prune(tenantId: TenantId, cutoff: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockHead(manager, tenantId);
      const last = await manager
        .getRepository(AuditEventEntity)
        .createQueryBuilder('e')
        .where('e.tenant_id = :tenantId AND e.occurred_at < :cutoff', { tenantId, cutoff })
        .orderBy('e.seq', 'DESC')
        .getOne();
      if (!last) return 0;
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(AuditEventEntity)
        .where('tenant_id = :tenantId AND seq <= :seq', { tenantId, seq: last.seq })
        .execute();
      await manager.update(AuditChainHeadEntity, { tenantId }, { anchorSeq: last.seq, anchorHash: last.hash });
      return result.affected ?? 0;
    });
  }

  private columns(): Column[] {
    return (this.columnList ??= this.dataSource
      .getMetadata(AuditEventEntity)
      .columns.map(
        (column) =>
          [
            column.propertyName as keyof AuditEventEntity,
            column.databaseName,
            SQL_TYPES[String(column.type)] ?? 'text',
          ] as const,
      ));
  }

  /**
   * Creates a missing head and locks it in one statement: the no-op upsert takes the row lock on
   * PostgreSQL, and SQLite serializes writers anyway.
   */
  private async lockHead(manager: EntityManager, tenantId: string): Promise<ChainTip> {
    const marks = this.postgres ? "$1, 0, $2, '', 0, ''" : "?, 0, ?, '', 0, ''";
    const [row]: { seq: number | string; hash: string; last_occurred_at: string }[] = await manager.query(
      `INSERT INTO "audit_chain_heads" ("tenant_id", "seq", "hash", "last_occurred_at", "anchor_seq", "anchor_hash") VALUES (${marks})
       ON CONFLICT ("tenant_id") DO UPDATE SET "tenant_id" = excluded."tenant_id"
       RETURNING "seq", "hash", "last_occurred_at"`,
      [tenantId, EMPTY_TIP.hash],
    );
    return { seq: Number(row.seq), hash: row.hash, occurredAt: row.last_occurred_at };
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
