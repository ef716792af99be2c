import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first outcome of a write sent with an Idempotency-Key, replayed for every repeat of that key. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  /** SHA-256 of method, route and body: a key reused for another request is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: 'pending' | 'done';

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
