import { Injectable } from '@nestjs/common';
import { Principal, SigningKeyService, TenantId } from '@trestle/auth';
import { stringify } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { AuditEventEntity } from '../chain/audit-event.entity';
import { AuditEventRepository } from '../chain/audit-event.repository';
import { AuditExportQuery } from '../query/audit.dto';

export const CSV_COLUMNS: (keyof AuditEventEntity)[] = [
  'tenantId',
  'seq',
  'occurredAt',
  'actor',
  'action',
  'resource',
  'connectionId',
  'requestId',
  'outcome',
  'status',
  'durationMs',
  'requestHash',
  'responseHash',
  'details',
  'bodies',
  'prevHash',
  'hash',
];

const CHUNK_CHARS = 64 * 1024;

/** The trailing line of an export carries this prefix, then a compact JWS over the digest of every byte before it. */
export const SIGNATURE_PREFIX = { ndjson: '{"signature":"', csv: '#signature,' } as const;

/**
 * Streams a tenant's events as NDJSON or CSV, one chunk of rows in memory at a time, and ends with a
 * signature line: a JWS (ES256, the hub key published at /.well-known/jwks.json) over the SHA-256 of
 * all preceding bytes. `scripts/verify-audit-export.mjs` checks it offline.
 */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly signingKeys: SigningKeyService,
  ) {}

  export(principal: Principal, query: AuditExportQuery): Readable {
    return this.exportTenant(principal.tenantId, query);
  }

  exportTenant(tenantId: TenantId, query: AuditExportQuery): Readable {
    const format = query.format ?? 'ndjson';
    const events = this.events.stream(tenantId, query);
    const signingKeys = this.signingKeys;
    async function* lines(): AsyncGenerator<string> {
      const digest = createHash('sha256');
      let count = 0;
      const emit = (text: string) => {
        digest.update(text);
        return text;
      };
      let buffered = format === 'csv' ? stringify([CSV_COLUMNS]) : '';
      for await (const event of events) {
        count += 1;
        buffered +=
          format === 'csv'
            ? stringify([CSV_COLUMNS.map((column) => formulaSafe(event[column]))])
            : `${JSON.stringify(event)}\n`;
        if (buffered.length >= CHUNK_CHARS) {
          yield emit(buffered);
          buffered = '';
        }
      }
      if (buffered) yield emit(buffered);
      const claims = {
        digest: digest.digest('hex'),
        alg: 'sha256',
        events: count,
        format,
        tenant: tenantId,
        exportedAt: new Date().toISOString(),
      };
      const jws = await signingKeys.sign(new TextEncoder().encode(JSON.stringify(claims)), {
        typ: 'trestle-audit-export',
      });
      yield format === 'csv' ? `${SIGNATURE_PREFIX.csv}${jws}\n` : `${SIGNATURE_PREFIX.ndjson}${jws}"}\n`;
    }
    return Readable.from(lines(), { objectMode: false });
  }
}

/** Spreadsheets run cells that start with = + - @ (or a tab/CR) as formulas; a leading quote defuses them. */
export function formulaSafe(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
