import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The tail of each tenant's chain. Appends lock this row, so writers in several processes extend
 * the chain one batch at a time. After retention prunes old events, `anchorSeq`/`anchorHash` name
 * the last pruned event so the remaining chain still verifies from there.
 */
@Entity('audit_chain_heads')
export class AuditChainHeadEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ name: 'anchor_seq', type: 'integer', default: 0 })
  anchorSeq!: number;

  @Column({ name: 'anchor_hash', type: 'varchar', length: 64, default: '' })
  anchorHash!: string;
}
