import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The tail of each tenant's chain. An append moves it only from the tip it chained on, so writers in
 * several processes extend the chain one batch at a time. After retention cuts old events,
 * `anchorSeq`/`anchorHash` name the last event cut so the remaining chain still verifies from there.
 */
@Entity('audit_chain_heads')
export class AuditChainHeadEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** occurred_at of the newest event; a later event never carries an earlier time (time order is chain order). */
  @Column({ name: 'last_occurred_at', type: 'varchar', length: 24, default: '' })
  lastOccurredAt!: string;

  @Column({ name: 'anchor_seq', type: 'integer', default: 0 })
  anchorSeq!: number;

  @Column({ name: 'anchor_hash', type: 'varchar', length: 64, default: '' })
  anchorHash!: string;
}
