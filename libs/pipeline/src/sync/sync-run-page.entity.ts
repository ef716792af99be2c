import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One normalized page of a run; its presence makes a replayed normalize job a no-op. */
@Entity('sync_run_pages')
export class SyncRunPageEntity {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ type: 'integer' })
  page!: number;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'integer' })
  records!: number;

  @Column({ type: 'integer' })
  written!: number;

  @Column({ type: 'integer' })
  unchanged!: number;

  @Column({ type: 'integer' })
  rejected!: number;

  @Column({ name: 'max_modified_at', type: 'varchar', length: 30, nullable: true })
  maxModifiedAt!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
