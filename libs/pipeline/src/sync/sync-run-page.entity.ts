import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One normalized page of a run; its presence makes a replayed normalize job a no-op. It also
 * carries the page's data-quality figures until a read of the figures folds them into
 * `pipeline_quality` (`qualityPending`), so concurrent page commits share no counter row.
 */
@Entity('sync_run_pages')
@Index(['tenantId', 'qualityPending'], { where: 'quality_pending' })
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

  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  entity!: string | null;

  /** Source records the page delivered. */
  @Column({ name: 'records_read', type: 'integer', default: 0 })
  recordsRead!: number;

  @Column({ type: 'integer', default: 0 })
  duplicates!: number;

  /** Rejected records per missing required field, as JSON; null when none. */
  @Column({ name: 'missing_required', type: 'text', nullable: true })
  missingRequired!: string | null;

  /** The figures above are not yet in `pipeline_quality`. */
  @Column({ name: 'quality_pending', type: 'boolean', default: false })
  qualityPending!: boolean;
}
