import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One scored record's feature values, kept while a reference window is being collected. */
@Entity('inference_drift_samples')
@Index(['tenantId', 'model', 'modelVersion', 'epoch', 'createdAt'])
export class DriftSampleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 64 })
  model!: string;

  @Column({ name: 'model_version', type: 'varchar', length: 50 })
  modelVersion!: string;

  @Column({ type: 'integer' })
  epoch!: number;

  /** JSON `(number | null)[]`, one per monitored feature. */
  @Column({ name: 'feature_values', type: 'text' })
  values!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
