import { isPostgres, returnedRows, sqlFor } from '@trestle/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { DataSource, In, LessThan, Repository } from 'typeorm';
import { DeliveryEntity, DeliveryStatus } from './delivery.entity';

export interface ClaimedDelivery {
  id: string;
  eventSeq: string;
  eventId: string;
  attempts: number;
}

export interface DeliveryOutcome {
  now: string;
  status: number | null;
  error: string | null;
}

export interface DueSubscription {
  tenantId: TenantId;
  subscriptionId: string;
}

/** Deliveries: claimed under a lease, head of each ordering key first, finished only by the lease holder. */
@Injectable()
export class DeliveryRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
  ) {}

  /** Subscriptions (enabled ones) with a delivery that is due and not leased, across every tenant. */
  async dueSubscriptions(now: string, limit: number): Promise<DueSubscription[]> {
    const rows = (await this.dataSource.query(
      this.sql(
        'SELECT d.tenant_id, d.subscription_id FROM event_deliveries d ' +
          'JOIN event_subscriptions s ON s.id = d.subscription_id AND s.enabled = TRUE ' +
          "WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?) " +
          'GROUP BY d.tenant_id, d.subscription_id LIMIT ?',
      ),
      [now, now, limit],
    )) as { tenant_id: string; subscription_id: string }[];
    return rows.map((row) => ({ tenantId: row.tenant_id as TenantId, subscriptionId: row.subscription_id }));
  }

  /**
   * Leases up to `limit` due deliveries of one subscription, each the earliest pending one of its
   * ordering key, and counts the try. Concurrent claimers (other processes) skip rows already locked.
   */
  async claim(
    tenantId: TenantId,
    subscriptionId: string,
    lease: { now: string; until: string; token: string },
    limit: number,
  ): Promise<ClaimedDelivery[]> {
    const rows = returnedRows<{ id: string; event_seq: string | number; event_id: string; attempts: number }>(
      await this.dataSource.query(
        this.sql(
          'UPDATE event_deliveries SET lease_until = ?, lease_token = ?, attempts = attempts + 1, updated_at = ? ' +
            'WHERE id IN (SELECT d.id FROM event_deliveries d ' +
            "WHERE d.tenant_id = ? AND d.subscription_id = ? AND d.status = 'pending' AND d.next_attempt_at <= ? " +
            'AND (d.lease_until IS NULL OR d.lease_until < ?) ' +
            'AND NOT EXISTS (SELECT 1 FROM event_deliveries e WHERE e.subscription_id = d.subscription_id ' +
            "AND e.ordering_key = d.ordering_key AND e.status = 'pending' AND e.event_seq < d.event_seq) " +
            `ORDER BY d.event_seq LIMIT ?${isPostgres(this.dataSource) ? ' FOR UPDATE SKIP LOCKED' : ''}) ` +
            'RETURNING id, event_seq, event_id, attempts',
        ),
        [lease.until, lease.token, lease.now, tenantId, subscriptionId, lease.now, lease.now, limit],
      ),
    );
    return rows
      .map((row) => ({ id: row.id, eventSeq: String(row.event_seq), eventId: row.event_id, attempts: row.attempts }))
      .sort((a, b) => Number(a.eventSeq) - Number(b.eventSeq));
  }

  /** Ends a try; a no-op when the lease was lost (another process owns the delivery now). */
  async finish(
    tenantId: TenantId,
    id: string,
    token: string,
    status: DeliveryStatus,
    outcome: DeliveryOutcome & { nextAttemptAt?: string },
  ): Promise<boolean> {
    const rows = returnedRows(
      await this.dataSource.query(
        this.sql(
          'UPDATE event_deliveries SET status = ?, lease_until = NULL, lease_token = NULL, last_status = ?, last_error = ?, ' +
            'delivered_at = ?, next_attempt_at = ?, updated_at = ? WHERE tenant_id = ? AND id = ? AND lease_token = ? RETURNING id',
        ),
        [
          status,
          outcome.status,
          outcome.error?.slice(0, 500) ?? null,
          status === 'delivered' ? outcome.now : null,
          outcome.nextAttemptAt ?? outcome.now,
          outcome.now,
          tenantId,
          id,
          token,
        ],
      ),
    );
    return rows.length > 0;
  }

  async list(
    tenantId: TenantId,
    subscriptionId: string,
    query: { status?: DeliveryStatus; beforeSeq?: string; limit: number },
  ): Promise<DeliveryEntity[]> {
    return this.deliveries.find({
      where: {
        tenantId,
        subscriptionId,
        ...(query.status ? { status: query.status } : {}),
        ...(query.beforeSeq ? { eventSeq: LessThan(query.beforeSeq) } : {}),
      },
      order: { eventSeq: 'DESC' },
      take: query.limit,
    });
  }

  get(tenantId: TenantId, subscriptionId: string, id: string): Promise<DeliveryEntity | null> {
    return this.deliveries.findOneBy({ tenantId, subscriptionId, id });
  }

  /** Puts dead deliveries (all of the subscription's, or the given ones) back in line, tries reset. */
  async replay(tenantId: TenantId, subscriptionId: string, now: string, ids?: string[]): Promise<number> {
    const result = await this.deliveries.update(
      { tenantId, subscriptionId, status: 'dead', ...(ids ? { id: In(ids) } : {}) },
      { status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null, leaseToken: null, updatedAt: now },
    );
    return result.affected ?? 0;
  }

  async deleteOfSubscription(tenantId: TenantId, subscriptionId: string): Promise<void> {
    await this.deliveries.delete({ tenantId, subscriptionId });
  }

  async counts(tenantId: TenantId, subscriptionId: string): Promise<Record<DeliveryStatus, number>> {
    const rows = (await this.deliveries
      .createQueryBuilder('d')
      .select('d.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('d.tenant_id = :tenantId AND d.subscription_id = :subscriptionId', { tenantId, subscriptionId })
      .groupBy('d.status')
      .getRawMany()) as { status: DeliveryStatus; n: string | number }[];
    const counts = { pending: 0, delivered: 0, dead: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /** Drops delivered deliveries last touched before `cutoff`. */
  async purgeDelivered(cutoff: string): Promise<number> {
    const result = await this.deliveries.delete({ status: 'delivered', updatedAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }

  private sql(text: string): string {
    return sqlFor(this.dataSource, text);
  }
}
