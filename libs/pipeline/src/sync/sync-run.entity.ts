import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SyncMode, SyncStatus } from './sync-mode';

/** One sync of one entity from one connection, with where it stands and what it read. */
@Entity('sync_runs')
@Index(['tenantId', 'connectionId', 'entity', 'status'])
@Index(['tenantId', 'createdAt'])
export class SyncRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @Column({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ type: 'varchar', length: 16 })
  mode!: SyncMode;

  @Column({ name: 'triggered_by', type: 'varchar', length: 200 })
  triggeredBy!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: SyncStatus;

  /** The watermark an incremental run asks for (records modified at or after it). */
  @Column({ name: 'modified_since', type: 'varchar', length: 40, nullable: true })
  modifiedSince!: string | null;

  /** Where the next page starts; null before the first page and after the last. */
  @Column({ type: 'text', nullable: true })
  cursor!: string | null;

  @Column({ name: 'pages_read', type: 'integer', default: 0 })
  pagesRead!: number;

  @Column({ name: 'records_read', type: 'integer', default: 0 })
  recordsRead!: number;

  @Column({ name: 'read_done', type: 'boolean', default: false })
  readDone!: boolean;

  @Column({ name: 'cancel_requested', type: 'boolean', default: false })
  cancelRequested!: boolean;

  /** JSON `{ code, message }` of the failure that ended the run. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;

  @Column({ name: 'started_at', type: 'varchar', length: 30, nullable: true })
  startedAt!: string | null;

  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true })
  finishedAt!: string | null;
}
