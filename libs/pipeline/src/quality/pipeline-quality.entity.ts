import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Data-quality counters of one entity from one connection, kept by the pipeline in the same
 * transaction as each normalized sync page, so a replayed page never counts twice.
 */
@Entity('pipeline_quality')
export class PipelineQualityEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @PrimaryColumn({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ name: 'records_read', type: 'bigint' })
  recordsRead!: string;

  @Column({ type: 'bigint' })
  written!: string;

  @Column({ type: 'bigint' })
  unchanged!: string;

  @Column({ type: 'bigint' })
  rejected!: string;

  @Column({ type: 'bigint' })
  duplicates!: string;

  @Column({ name: 'last_run_id', type: 'varchar', length: 36, nullable: true })
  lastRunId!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
