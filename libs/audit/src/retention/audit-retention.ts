import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { trustedTenantId } from '@trestle/auth';
import { AppConfig } from '@trestle/core';
import { AuditEventRepository } from '../chain/audit-event.repository';
import { AuditArchive } from './audit-archive';
import { AuditPartitionRepository } from './audit-partition.repository';

const SWEEP_EVERY_MS = 3600_000;
/** Monthly partitions kept ready beyond the current month. */
const MONTHS_AHEAD = 2;

/**
 * Keeps PostgreSQL's monthly audit partitions ready ahead of time, and drops events older than
 * AUDIT_RETENTION_DAYS (0 keeps them forever): on PostgreSQL whole partitions once every event in
 * them is past retention, on SQLite row by row. Either way each chain is re-anchored at the cut,
 * and with AUDIT_ARCHIVE_DIR the events are archived first.
 */
@Injectable()
export class AuditRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AuditRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly events: AuditEventRepository,
    private readonly partitions: AuditPartitionRepository,
    private readonly archive: AuditArchive,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.partitions.partitioned && this.config.auditRetentionDays <= 0) return;
    await this.preparePartitions().catch((error: unknown) => this.failed('Audit partition upkeep failed', error));
    this.timer = setInterval(
      () => void this.sweep().catch((error: unknown) => this.failed('Audit retention sweep failed', error)),
      SWEEP_EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Creates missing monthly partitions from this month on; returns the ones created. */
  async preparePartitions(now = new Date()): Promise<string[]> {
    if (!this.partitions.partitioned) return [];
    const months = Array.from({ length: MONTHS_AHEAD + 1 }, (_, ahead) =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1)).toISOString().slice(0, 10),
    );
    const { created, rehomed } = await this.partitions.maintain(months);
    if (created.length > 0) this.logger.log(`Audit partitions created: ${created.join(', ')}`);
    if (rehomed > 0) this.logger.warn(`Audit events moved out of the default partition: ${rehomed}`);
    return created;
  }

  /** Number of events dropped. */
  async sweep(now = new Date()): Promise<number> {
    await this.preparePartitions(now);
    if (this.config.auditRetentionDays <= 0) return 0;
    const cutoff = new Date(now.getTime() - this.config.auditRetentionDays * 86_400_000).toISOString();
    let dropped = 0;
    if (this.partitions.partitioned) {
      for (const partition of await this.partitions.list()) {
        if (partition.to > cutoff) break;
        if (this.archive.enabled) {
          for (const tenant of await this.partitions.tenantsIn(partition))
            await this.archive.write(partition.name, tenant, { from: partition.from, to: partition.to });
        }
        const count = await this.partitions.drop(partition);
        if (count === undefined) break;
        dropped += count;
      }
    } else {
      const part = `until-${cutoff.replace(/:/g, '-')}`;
      for (const tenant of await this.events.tenants()) {
        const tenantId = trustedTenantId(tenant);
        if (this.archive.enabled && (await this.events.list(tenantId, { to: cutoff }, undefined, 1)).length > 0)
          await this.archive.write(part, tenant, { to: cutoff });
        dropped += await this.events.prune(tenantId, cutoff);
      }
    }
    if (dropped > 0) this.logger.log(`Audit retention dropped ${dropped} events older than ${cutoff}`);
    return dropped;
  }

  private failed(message: string, error: unknown): void {
    this.logger.error({ err: error instanceof Error ? { message: error.message } : String(error) }, message);
  }
}
