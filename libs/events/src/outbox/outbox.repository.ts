import { isPostgres, returnedRows, sqlFor } from '@trestle/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, MoreThan, Repository } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';

/** What routing reads of an event: everything but its data. */
export type RoutedEvent = Pick<
  OutboxEventEntity,
  'seq' | 'id' | 'tenantId' | 'type' | 'subject' | 'connectionId' | 'entity' | 'orderingKey' | 'time'
>;

export interface PlannedDelivery {
  tenantId: string;
  subscriptionId: string;
  event: RoutedEvent;
}

/** Any fixed 64-bit number; names the one PostgreSQL advisory lock that serializes routing. */
const ROUTING_LOCK = 7_402_117_305_221;
const DELIVERY_COLUMNS = [
  'id',
  'tenant_id',
  'subscription_id',
  'event_seq',
  'event_id',
  'ordering_key',
  'status',
  'attempts',
  'next_attempt_at',
  'created_at',
  'updated_at',
];
const CHUNK = 200;

interface SqliteQueryRunnerHolder {
  queryRunner?: { isTransactionActive?: boolean };
}

const ROUTABLE_COLUMNS =
  'e.seq, e.id, e.tenant_id, e.type, e.subject, e.connection_id, e.entity, e.ordering_key, e.time';

/**
 * The oldest unrouted events. On PostgreSQL the seqs go in as an array, so the outbox is read by
 * its primary key: as a join, the planner's guess of the LIMIT's rows made it hash-join a scan of
 * the whole outbox, which grows with every event ever kept.
 */
export const ROUTABLE_POSTGRES =
  `SELECT ${ROUTABLE_COLUMNS} FROM event_outbox e ` +
  'WHERE e.seq = ANY (ARRAY(SELECT seq FROM event_outbox_unrouted ORDER BY seq LIMIT $1)) ORDER BY e.seq';
const ROUTABLE_SQLITE =
  `SELECT ${ROUTABLE_COLUMNS} FROM (SELECT seq FROM event_outbox_unrouted ORDER BY seq LIMIT ?) u ` +
  'JOIN event_outbox e ON e.seq = u.seq ORDER BY u.seq';

/** Reads the outbox and routes it: one router at a time, oldest events first. */
@Injectable()
export class OutboxRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(OutboxEventEntity) private readonly events: Repository<OutboxEventEntity>,
  ) {}

  /**
   * Takes up to `limit` unrouted events in order, creates the deliveries `plan` names, and marks
   * the events routed, atomically. On PostgreSQL a transaction-scoped advisory lock keeps every
   * other process out meanwhile (they skip their turn), so deliveries of one record are created in
   * order. SQLite has one connection shared by the whole process: routing waits while another
   * transaction is open on it, so it never sees uncommitted events.
   */
  async route(
    limit: number,
    plan: (events: RoutedEvent[]) => Promise<PlannedDelivery[]>,
  ): Promise<{ events: number; deliveries: number } | undefined> {
    if (isPostgres(this.dataSource)) {
      return this.dataSource.transaction(async (manager) => {
        const [lock] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [ROUTING_LOCK])) as {
          locked: boolean;
        }[];
        if (!lock.locked) return undefined;
        return this.routeWith(manager, limit, plan);
      });
    }
    if ((this.dataSource.driver as unknown as SqliteQueryRunnerHolder).queryRunner?.isTransactionActive)
      return undefined;
    return this.routeWith(this.dataSource.manager, limit, plan);
  }

  bySeq(seqs: string[]): Promise<OutboxEventEntity[]> {
    return seqs.length === 0 ? Promise.resolve([]) : this.events.findBy({ seq: In(seqs) });
  }

  /** The tenant's events after `afterSeq`, oldest first. */
  listOfTenant(tenantId: TenantId, afterSeq: string | undefined, limit: number): Promise<OutboxEventEntity[]> {
    return this.events.find({
      where: { tenantId, ...(afterSeq ? { seq: MoreThan(afterSeq) } : {}) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }

  /** Drops routed events older than `cutoff` that no delivery refers to any more; the newest always stays. */
  async purge(cutoff: string): Promise<number> {
    const rows = returnedRows(
      await this.dataSource.query(
        sqlFor(
          this.dataSource,
          'DELETE FROM event_outbox WHERE time < ? AND seq < (SELECT MAX(seq) FROM event_outbox) ' +
            'AND NOT EXISTS (SELECT 1 FROM event_outbox_unrouted u WHERE u.seq = event_outbox.seq) ' +
            'AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.event_seq = event_outbox.seq) RETURNING seq',
        ),
        [cutoff],
      ),
    );
    return rows.length;
  }

  private async routeWith(
    manager: EntityManager,
    limit: number,
    plan: (events: RoutedEvent[]) => Promise<PlannedDelivery[]>,
  ): Promise<{ events: number; deliveries: number }> {
    const events = (
      (await manager.query(isPostgres(manager) ? ROUTABLE_POSTGRES : ROUTABLE_SQLITE, [limit])) as RoutedEventRow[]
    ).map(toRoutedEvent);
    if (events.length === 0) return { events: 0, deliveries: 0 };
    const planned = await plan(events);
    const now = new Date().toISOString();
    const tuple = `(${DELIVERY_COLUMNS.map(() => '?').join(', ')})`;
    for (let start = 0; start < planned.length; start += CHUNK) {
      const chunk = planned.slice(start, start + CHUNK);
      await manager.query(
        sqlFor(
          manager,
          `INSERT INTO event_deliveries (${DELIVERY_COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ` +
            'ON CONFLICT (subscription_id, event_id) DO NOTHING',
        ),
        chunk.flatMap((d) => [
          randomUUID(),
          d.tenantId,
          d.subscriptionId,
          d.event.seq,
          d.event.id,
          d.event.orderingKey,
          'pending',
          0,
          now,
          now,
          now,
        ]),
      );
    }
    const seqs = events.map((event) => event.seq);
    if (isPostgres(manager)) {
      await manager.query('DELETE FROM event_outbox_unrouted WHERE seq = ANY($1::bigint[])', [seqs]);
    } else {
      await manager.query('DELETE FROM event_outbox_unrouted WHERE seq IN (SELECT value FROM json_each(?))', [
        JSON.stringify(seqs.map(Number)),
      ]);
    }
    return { events: events.length, deliveries: planned.length };
  }
}

interface RoutedEventRow {
  seq: string | number;
  id: string;
  tenant_id: string;
  type: string;
  subject: string;
  connection_id: string | null;
  entity: string | null;
  ordering_key: string;
  time: string;
}

function toRoutedEvent(row: RoutedEventRow): RoutedEvent {
  return {
    seq: String(row.seq),
    id: row.id,
    tenantId: row.tenant_id,
    type: row.type,
    subject: row.subject,
    connectionId: row.connection_id,
    entity: row.entity,
    orderingKey: row.ordering_key,
    time: row.time,
  };
}
