import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const SUBSCRIPTION_KINDS = ['webhook', 'stream'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/** Where one tenant wants its events, and which ones. The webhook secret is sealed; nothing else here is secret. */
@Entity('event_subscriptions')
@Index(['tenantId', 'name'], { unique: true })
export class SubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: SubscriptionKind;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url!: string | null;

  @Column({ name: 'secret_sealed', type: 'text', nullable: true })
  secretSealed!: string | null;

  /** JSON arrays; an empty one matches everything. */
  @Column({ type: 'text' })
  entities!: string;

  @Column({ name: 'connection_ids', type: 'text' })
  connectionIds!: string;

  @Column({ type: 'text' })
  types!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
