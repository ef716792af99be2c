import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One model output about one canonical record: `order.riskScore` from order-anomaly 1, for an input hash. */
@Entity('enrichments')
@Index(['tenantId', 'entity', 'recordId', 'createdAt'])
@Index(['tenantId', 'createdAt'])
@Index(['tenantId', 'entity', 'recordId', 'model', 'modelVersion', 'inputHash'], { unique: true })
export class EnrichmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ name: 'record_id', type: 'varchar', length: 512 })
  recordId!: string;

  @Column({ type: 'varchar', length: 64 })
  model!: string;

  @Column({ name: 'model_version', type: 'varchar', length: 50 })
  modelVersion!: string;

  /** The field this output enriches the record with, e.g. `riskScore`. */
  @Column({ type: 'varchar', length: 64 })
  field!: string;

  /** The output as JSON: a number, a vector, a text or an object. */
  @Column({ type: 'text' })
  output!: string;

  /** SHA-256 of the model input built from the record: the same input is never scored twice. */
  @Column({ name: 'input_hash', type: 'varchar', length: 64 })
  inputHash!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
