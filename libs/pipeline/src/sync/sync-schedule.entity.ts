import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SyncMode } from './sync-mode';

/** A connection's sync configuration for one entity: when it runs by itself, and how. */
@Entity('sync_schedules')
export class SyncScheduleEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @PrimaryColumn({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ type: 'varchar', length: 16 })
  mode!: SyncMode;

  @Column({ type: 'varchar', length: 100, nullable: true })
  cron!: string | null;

  @Column({ name: 'every_ms', type: 'integer', nullable: true })
  everyMs!: number | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
