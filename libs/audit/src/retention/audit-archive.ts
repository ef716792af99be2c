import { Injectable } from '@nestjs/common';
import { trustedTenantId } from '@trestle/auth';
import { AppConfig } from '@trestle/core';
import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AuditFilter } from '../chain/audit-event.repository';
import { AuditExportService } from '../export/audit-export.service';

/**
 * With AUDIT_ARCHIVE_DIR set, events are written out before retention drops them: one signed NDJSON
 * export per tenant and dropped part, the same format `GET /v1/audit/export` streams.
 */
@Injectable()
export class AuditArchive {
  constructor(
    private readonly exports: AuditExportService,
    private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.auditArchiveDir !== undefined;
  }

  /** `<AUDIT_ARCHIVE_DIR>/<part>/<tenant>.ndjson`, renamed into place only once complete. */
  async write(part: string, tenantId: string, filter: AuditFilter): Promise<string> {
    const dir = join(this.config.auditArchiveDir as string, part);
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${encodeURIComponent(tenantId)}.ndjson`);
    await pipeline(
      this.exports.exportTenant(trustedTenantId(tenantId), { ...filter, format: 'ndjson' }),
      createWriteStream(`${file}.partial`),
    );
    await rename(`${file}.partial`, file);
    return file;
  }
}
