import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const INFERENCE_DEAD_LETTER_STATUSES = ['open', 'replayed', 'discarded'] as const;
export type InferenceDeadLetterStatus = (typeof INFERENCE_DEAD_LETTER_STATUSES)[number];

/** A record one model version could not score after the retries: kept with the reason until replayed or discarded. */
@Entity('inference_dead_letters')
@Index(['tenantId', 'entity', 'recordId', 'model', 'modelVersion'], { unique: true })
@Index(['tenantId', 'status', 'createdAt'])
export class InferenceDeadLetterEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ name: 'record_id', type: 'varchar', length: 512 })
  recordId!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  model!: string;

  @Column({ name: 'model_version', type: 'varchar', length: 50 })
  modelVersion!: string;

  /** The InferenceError code of the last failure, e.g. `provider_unreachable`. */
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** Provider calls the last failure took (retries included). */
  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'input_hash', type: 'varchar', length: 64, nullable: true })
  inputHash!: string | null;

  @Column({ name: 'job_id', type: 'varchar', length: 200, nullable: true })
  jobId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: InferenceDeadLetterStatus;

  /** Times this record failed for this model version. */
  @Column({ type: 'integer' })
  occurrences!: number;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
