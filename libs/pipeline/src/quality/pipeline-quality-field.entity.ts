import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many rejected records lacked one required canonical field, per connection and entity. */
@Entity('pipeline_quality_fields')
export class PipelineQualityFieldEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @PrimaryColumn({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  entity!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  field!: string;

  @Column({ type: 'bigint' })
  missing!: string;
}
