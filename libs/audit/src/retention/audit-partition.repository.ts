import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** One monthly partition of audit_events: events with from <= occurred_at < to. */
export interface AuditPartition {
  name: string;
  from: string;
  to: string;
}

const BOUND = /^FOR VALUES FROM \('([^']+)'\) TO \('([^']+)'\)$/;

/**
 * PostgreSQL's time partitions of audit_events: created ahead, rows that fell into the default
 * partition moved into monthly ones, and old partitions dropped whole with each tenant's chain
 * re-anchored at the cut. Rows themselves are never updated or deleted.
 */
@Injectable()
export class AuditPartitionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get partitioned(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /**
   * Creates the monthly partitions for `months` (first days, `YYYY-MM-01`) that do not exist yet
   * and moves rows out of the default partition. Several processes may run it at once: only one
   * does the work, the others return at once.
   */
  maintain(months: string[]): Promise<{ created: string[]; rehomed: number }> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.takeTurn(manager))) return { created: [], rehomed: 0 };
      const [{ moved }]: { moved: string }[] = await manager.query(`SELECT trestle_audit_rehome_default() AS moved`);
      const existing = new Set((await this.listWith(manager)).map((partition) => partition.name));
      const created: string[] = [];
      for (const month of months) {
        const [{ name }]: { name: string }[] = await manager.query(`SELECT trestle_audit_partition($1::date) AS name`, [
          month,
        ]);
        if (!existing.has(name)) created.push(name);
      }
      return { created, rehomed: Number(moved) };
    });
  }

  /** Monthly partitions, oldest first (the default partition is not listed). */
  list(): Promise<AuditPartition[]> {
    return this.listWith(this.dataSource.manager);
  }

  /** Tenants with events in the partition. */
  async tenantsIn(partition: AuditPartition): Promise<string[]> {
    const rows: { tenant_id: string }[] = await this.dataSource.query(
      `SELECT h."tenant_id" FROM "audit_chain_heads" h
       WHERE EXISTS (SELECT 1 FROM ${quoted(partition.name)} e WHERE e."tenant_id" = h."tenant_id") ORDER BY 1`,
    );
    return rows.map((row) => row.tenant_id);
  }

  /**
   * Drops a partition whose events are all past retention. Each tenant's chain anchor moves to its
   * last event in it; since time order is chain order on every chain, what remains verifies from
   * there. Refuses (and drops nothing) if an event elsewhere precedes the cut, e.g. in an older
   * partition still there. `undefined` when another process is changing partitions just now.
   */
  drop(partition: AuditPartition): Promise<number | undefined> {
    const table = quoted(partition.name);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.takeTurn(manager))) return undefined;
      const [{ exists }]: { exists: boolean }[] = await manager.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
        table,
      ]);
      if (!exists) return 0;
      // Counted before the lock: a month of events takes a while to count, and nothing writes there any more.
      const [{ count }]: { count: string }[] = await manager.query(`SELECT count(*) AS count FROM ${table}`);
      await manager.query('LOCK TABLE "audit_events" IN ACCESS EXCLUSIVE MODE');
      const cuts: { tenant_id: string; seq: number; hash: string }[] = await manager.query(
        `SELECT h."tenant_id", cut."seq", cut."hash" FROM "audit_chain_heads" h
         CROSS JOIN LATERAL (SELECT e."seq", e."hash" FROM ${table} e WHERE e."tenant_id" = h."tenant_id"
                             ORDER BY e."seq" DESC LIMIT 1) cut`,
      );
      const tenants = cuts.map((cut) => cut.tenant_id);
      const seqs = cuts.map((cut) => cut.seq);
      const straddling: unknown[] = await manager.query(
        `SELECT c."tenant_id" FROM unnest($1::varchar[], $2::integer[]) AS c("tenant_id", "seq")
         WHERE EXISTS (SELECT 1 FROM "audit_events" e
                       WHERE e."tenant_id" = c."tenant_id" AND e."seq" <= c."seq"
                         AND (e."occurred_at" < $3 OR e."occurred_at" >= $4))
         LIMIT 1`,
        [tenants, seqs, partition.from, partition.to],
      );
      if (straddling.length > 0) {
        throw new Error(`audit partition ${partition.name} does not end a chain prefix; not dropped`);
      }
      await manager.query(
        `UPDATE "audit_chain_heads" h SET "anchor_seq" = c."seq", "anchor_hash" = c."hash"
         FROM unnest($1::varchar[], $2::integer[], $3::varchar[]) AS c("tenant_id", "seq", "hash")
         WHERE h."tenant_id" = c."tenant_id" AND c."seq" > h."anchor_seq"`,
        [tenants, seqs, cuts.map((cut) => cut.hash)],
      );
      await manager.query(`DROP TABLE ${table}`);
      return Number(count);
    });
  }

  /** One process at a time changes the partitions; the others skip their turn. */
  private async takeTurn(manager: EntityManager): Promise<boolean> {
    const [{ locked }]: { locked: boolean }[] = await manager.query(
      `SELECT pg_try_advisory_xact_lock(hashtext('trestle.audit_partitions')) AS locked`,
    );
    return locked;
  }

  private async listWith(manager: EntityManager): Promise<AuditPartition[]> {
    const rows: { name: string; bound: string }[] = await manager.query(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'audit_events'::regclass`,
    );
    return rows
      .map(({ name, bound }) => {
        const [, from, to] = BOUND.exec(bound) ?? [];
        return from && to ? { name, from, to } : undefined;
      })
      .filter((partition): partition is AuditPartition => partition !== undefined)
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  }
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
