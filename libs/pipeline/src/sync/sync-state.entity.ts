import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per connection and entity: the modified-since watermark the next incremental sync starts from. */
@Entity('sync_states')
export class SyncStateEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @PrimaryColumn({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  watermark!: string | null;

  @Column({ name: 'last_run_id', type: 'varchar', length: 36, nullable: true })
  lastRunId!: string | null;

  @Column({ name: 'last_success_at', type: 'varchar', length: 30, nullable: true })
  lastSuccessAt!: string | null;
}
