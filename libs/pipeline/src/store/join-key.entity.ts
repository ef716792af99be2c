import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How store reads join a relation across systems, per tenant: e.g. an order's customer matched by e-mail in the CRM. */
@Entity('store_join_keys')
export class JoinKeyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  entity!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  relation!: string;

  @Column({ name: 'match_on', type: 'varchar', length: 32 })
  matchOn!: string;

  @Column({ name: 'target_connection_id', type: 'varchar', length: 36, nullable: true })
  targetConnectionId!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
