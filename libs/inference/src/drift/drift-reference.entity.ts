import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DriftReferenceStatus = 'collecting' | 'ready';
export type DriftReferenceSource = 'first' | 'pinned';

/**
 * The reference window of one model version in one tenant: while `collecting`, its first scored
 * records gather as samples; once `ready`, the fixed bins (quantile edges) and reference counts per
 * feature. `epoch` changes when the reference is restarted, so counts binned otherwise are ignored.
 */
@Entity('inference_drift_references')
export class DriftReferenceEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  model!: string;

  @PrimaryColumn({ name: 'model_version', type: 'varchar', length: 50 })
  modelVersion!: string;

  @Column({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: DriftReferenceStatus;

  @Column({ type: 'varchar', length: 16 })
  source!: DriftReferenceSource;

  /** Records the reference is made of once collected. */
  @Column({ name: 'target_size', type: 'integer' })
  targetSize!: number;

  /** JSON `[{ name, kind }]`: the monitored features, inputs then the output. */
  @Column({ type: 'text' })
  features!: string;

  /** JSON `number[][]`: the bin edges of each feature. */
  @Column({ type: 'text', nullable: true })
  edges!: string | null;

  /** JSON `number[][]`: the reference count of each bin of each feature. */
  @Column({ type: 'text', nullable: true })
  counts!: string | null;

  /** Comma-separated names of the features whose index is over the threshold now ('' when none). */
  @Column({ type: 'text' })
  alerting!: string;

  @Column({ name: 'ready_at', type: 'varchar', length: 30, nullable: true })
  readyAt!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
