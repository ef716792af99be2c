import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** One configured legacy system of one tenant. Credentials are sealed; nothing else here is secret. */
@Entity('connections')
@Index(['tenantId', 'name'], { unique: true })
export class ConnectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  adapter!: string;

  /** The connector definition, as validated JSON. */
  @Column({ type: 'text' })
  definition!: string;

  @Column({ type: 'text' })
  settings!: string;

  @Column({ name: 'credentials_sealed', type: 'text' })
  credentialsSealed!: string;

  @Column({ type: 'text' })
  resilience!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
