import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The change-event outbox: one row per event, written in the same transaction as the change it
 * announces, and never updated. `seq` orders events (per record it follows commit order); an
 * event waits in `event_outbox_unrouted` until it has a delivery for every subscription that
 * matched it.
 */
@Entity('event_outbox')
@Index(['tenantId', 'seq'])
export class OutboxEventEntity {
  /** From the `event_outbox_seq` sequence on PostgreSQL, one past the highest on SQLite (see ChangeOutbox). */
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  /** The CloudEvents id (a random UUID). */
  @Column({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 200 })
  type!: string;

  @Column({ type: 'varchar', length: 700 })
  subject!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  entity!: string | null;

  /** Events with the same key are delivered in `seq` order to each subscription (the hub id for records). */
  @Column({ name: 'ordering_key', type: 'varchar', length: 700 })
  orderingKey!: string;

  @Column({ type: 'varchar', length: 30 })
  time!: string;

  /** The CloudEvents `data`, as JSON text. */
  @Column({ type: 'text' })
  data!: string;
}
