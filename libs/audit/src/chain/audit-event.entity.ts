import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One audited fact. Append-only: each row links to the previous one of its tenant by hash. */
@Entity('audit_events')
@Index(['tenantId', 'occurredAt'])
@Index(['tenantId', 'requestId'])
export class AuditEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 64 })
  tenantId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  /** ISO 8601 UTC with milliseconds; stored as text so the hashed value is exactly what is read back. */
  @Column({ name: 'occurred_at', type: 'varchar', length: 24 })
  occurredAt!: string;

  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ type: 'varchar', length: 200 })
  action!: string;

  @Column({ type: 'varchar', length: 500 })
  resource!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: 'success' | 'failure';

  @Column({ type: 'varchar', length: 64, nullable: true })
  status!: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ name: 'request_hash', type: 'varchar', length: 64, nullable: true })
  requestHash!: string | null;

  @Column({ name: 'response_hash', type: 'varchar', length: 64, nullable: true })
  responseHash!: string | null;

  /** JSON of safe details (retries, breaker state, model version, ...), redacted. */
  @Column({ type: 'text', nullable: true })
  details!: string | null;

  /** Redacted request/response bodies, only when AUDIT_CAPTURE_BODIES is on. */
  @Column({ type: 'text', nullable: true })
  bodies!: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
