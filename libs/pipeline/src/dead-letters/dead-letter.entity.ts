import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DEAD_LETTER_STATUSES = ['open', 'replayed', 'discarded'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

/** A source record that could not be mapped or validated, kept with the reason until fixed, replayed or discarded. */
@Entity('dead_letters')
@Index(['tenantId', 'connectionId', 'entity', 'rawHash'], { unique: true })
@Index(['tenantId', 'status', 'createdAt'])
export class DeadLetterEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @Column({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ name: 'source_id', type: 'varchar', length: 400, nullable: true })
  sourceId!: string | null;

  @Column({ name: 'sync_run_id', type: 'varchar', length: 36, nullable: true })
  syncRunId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  stage!: 'mapping' | 'validation';

  @Column({ type: 'text' })
  reason!: string;

  /** JSON `[{ field, message }]`. */
  @Column({ type: 'text' })
  errors!: string;

  /** The source record as read, JSON. */
  @Column({ type: 'text' })
  raw!: string;

  @Column({ name: 'raw_hash', type: 'varchar', length: 64 })
  rawHash!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DeadLetterStatus;

  @Column({ type: 'integer' })
  occurrences!: number;

  @Column({ name: 'record_id', type: 'varchar', length: 700, nullable: true })
  recordId!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
