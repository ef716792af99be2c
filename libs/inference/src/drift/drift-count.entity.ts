import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many records of one time slice fell into one bin of one feature: the rolling current window. */
@Entity('inference_drift_counts')
export class DriftCountEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  model!: string;

  @PrimaryColumn({ name: 'model_version', type: 'varchar', length: 50 })
  modelVersion!: string;

  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  /** Start of the slice, in minutes since 1970 (UTC). */
  @PrimaryColumn({ name: 'slice_minute', type: 'integer' })
  sliceMinute!: number;

  /** Index of the feature in the reference's `features`. */
  @PrimaryColumn({ type: 'integer' })
  feature!: number;

  @PrimaryColumn({ type: 'integer' })
  bin!: number;

  @Column({ type: 'integer' })
  records!: number;
}
