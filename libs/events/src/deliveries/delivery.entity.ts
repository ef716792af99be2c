import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one subscription. A pending delivery waits for every earlier pending delivery of
 * the same ordering key; a process that claims one holds a lease, so a crashed process's claims
 * are retried by another after the lease ends.
 */
@Entity('event_deliveries')
@Index(['subscriptionId', 'eventId'], { unique: true })
@Index(['subscriptionId', 'orderingKey', 'eventSeq'])
@Index(['status', 'nextAttemptAt'])
@Index(['tenantId', 'subscriptionId', 'status', 'eventSeq'])
@Index(['eventSeq'])
export class DeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ name: 'subscription_id', type: 'varchar', length: 36 })
  subscriptionId!: string;

  @Column({ name: 'event_seq', type: 'bigint' })
  eventSeq!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ name: 'ordering_key', type: 'varchar', length: 700 })
  orderingKey!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DeliveryStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'varchar', length: 30 })
  nextAttemptAt!: string;

  @Column({ name: 'lease_until', type: 'varchar', length: 30, nullable: true })
  leaseUntil!: string | null;

  @Column({ name: 'lease_token', type: 'varchar', length: 36, nullable: true })
  leaseToken!: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** HTTP status of the last webhook answer. */
  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus!: number | null;

  @Column({ name: 'delivered_at', type: 'varchar', length: 30, nullable: true })
  deliveredAt!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
