import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { trustedTenantId } from '@trestle/auth';
import { AppConfig } from '@trestle/core';
import { AuditEventRepository } from '../chain/audit-event.repository';

const SWEEP_EVERY_MS = 3600_000;

/** Drops events older than AUDIT_RETENTION_DAYS (0 keeps them forever); the chain is re-anchored at the cut. */
@Injectable()
export class AuditRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AuditRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly events: AuditEventRepository,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.auditRetentionDays <= 0) return;
    this.timer = setInterval(
      () =>
        void this.sweep().catch((error: unknown) =>
          this.logger.error({ err: String(error) }, 'Audit retention sweep failed'),
        ),
      SWEEP_EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.auditRetentionDays * 86_400_000).toISOString();
    let dropped = 0;
    for (const tenant of await this.events.tenants())
      dropped += await this.events.prune(trustedTenantId(tenant), cutoff);
    if (dropped > 0) this.logger.log(`Audit retention dropped ${dropped} events older than ${cutoff}`);
    return dropped;
  }
}
