import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The canonical store: one row per source record, upserted by (tenant, connection, entity,
 * sourceId) and rewritten only when its content hash changes. Lineage travels with the row; the
 * label, email, status and customer columns serve store-mode filters, sorting and joins. Every
 * index costs each write, so there is one per lookup the store makes: the upsert key (also
 * connection filters), modifiedSince and updatedAt order, e-mail filters and joins, and the
 * customer filter of orders; e-mail and customer indexes leave out the rows without one.
 */
@Entity('canonical_records')
@Index(['tenantId', 'connectionId', 'entity', 'sourceId'], { unique: true })
@Index(['tenantId', 'entity', 'modifiedAt'])
@Index(['tenantId', 'entity', 'email'], { where: 'email IS NOT NULL' })
@Index(['tenantId', 'entity', 'customerSourceId'], { where: 'customer_source_id IS NOT NULL' })
export class CanonicalRecordEntity {
  /** The hub id (`cus_...`), stable for the same source record. */
  @PrimaryColumn({ type: 'varchar', length: 700 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @Column({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ name: 'source_id', type: 'varchar', length: 400 })
  sourceId!: string;

  /** Canonical fields as JSON. */
  @Column({ type: 'text' })
  data!: string;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'raw_hash', type: 'varchar', length: 64 })
  rawHash!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  label!: string | null;

  /** Lower-cased text `q` searches. */
  @Column({ type: 'text', nullable: true })
  search!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  status!: string | null;

  @Column({ name: 'customer_source_id', type: 'varchar', length: 400, nullable: true })
  customerSourceId!: string | null;

  /** The source's last modification, or when the content last changed here if the source keeps none. */
  @Column({ name: 'modified_at', type: 'varchar', length: 30 })
  modifiedAt!: string;

  @Column({ name: 'fetched_at', type: 'varchar', length: 30 })
  fetchedAt!: string;

  @Column({ name: 'mapping_version', type: 'varchar', length: 200 })
  mappingVersion!: string;

  @Column({ name: 'sync_run_id', type: 'varchar', length: 36, nullable: true })
  syncRunId!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
