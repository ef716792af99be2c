import { Injectable } from '@nestjs/common';
import type { TenantId } from '@trestle/auth';
import { ChangeOutbox, recordChanges } from '@trestle/events';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { NewDeadLetter } from '../dead-letters/dead-letter.repository';
import type { CanonicalRecordEntity } from './canonical-record.entity';

export type NewCanonicalRecord = Omit<CanonicalRecordEntity, 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>;

export interface NormalizedBatch {
  /** The run page this batch is; absent for a dead-letter replay. */
  page?: { runId: string; page: number };
  records: NewCanonicalRecord[];
  rejected: NewDeadLetter[];
  maxModifiedAt: string | null;
}

export interface CommittedBatch {
  /** Ids of records created or changed. */
  written: string[];
  unchanged: number;
  rejected: number;
  deadLetterIds: string[];
}

const CHUNK = 500;

const RECORD_COLUMNS = [
  'id',
  'tenant_id',
  'connection_id',
  'entity',
  'source_id',
  'data',
  'content_hash',
  'raw_hash',
  'version',
  'label',
  'search',
  'email',
  'status',
  'customer_source_id',
  'modified_at',
  'fetched_at',
  'mapping_version',
  'sync_run_id',
  'created_at',
  'updated_at',
] as const;

const UPDATED_ON_CHANGE = RECORD_COLUMNS.filter(
  (c) => !['id', 'tenant_id', 'connection_id', 'entity', 'source_id', 'version', 'created_at'].includes(c),
);

const DEAD_LETTER_COLUMNS = [
  'id',
  'tenant_id',
  'connection_id',
  'entity',
  'source_id',
  'sync_run_id',
  'stage',
  'reason',
  'errors',
  'raw',
  'raw_hash',
  'status',
  'occurrences',
  'created_at',
  'updated_at',
] as const;

/**
 * Writes one normalized page in one transaction: the page marker, the canonical upserts (a row
 * changes only when its content hash does) and the dead letters. A page already committed is
 * skipped whole, so a replayed or duplicated job changes nothing.
 */
@Injectable()
export class NormalizedBatchRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ChangeOutbox,
  ) {}

  commit(tenantId: TenantId, batch: NormalizedBatch): Promise<CommittedBatch | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date().toISOString();
      if (batch.page && !(await this.claimPage(manager, tenantId, batch.page, now))) return undefined;
      const written: string[] = [];
      const records = [...batch.records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (let start = 0; start < records.length; start += CHUNK) {
        written.push(...(await this.upsertRecords(manager, tenantId, records.slice(start, start + CHUNK), now)));
      }
      const deadLetterIds: string[] = [];
      for (const rejected of batch.rejected)
        deadLetterIds.push(await this.upsertDeadLetter(manager, tenantId, rejected, now));
      const result = {
        written,
        unchanged: records.length - written.length,
        rejected: batch.rejected.length,
        deadLetterIds,
      };
      if (batch.page) {
        await manager.query(
          this.sql(
            'UPDATE sync_run_pages SET records = ?, written = ?, unchanged = ?, rejected = ?, max_modified_at = ? WHERE run_id = ? AND page = ?',
          ),
          [
            records.length + result.rejected,
            written.length,
            result.unchanged,
            result.rejected,
            batch.maxModifiedAt,
            batch.page.runId,
            batch.page.page,
          ],
        );
      }
      return result;
    });
  }

  private async claimPage(
    manager: EntityManager,
    tenantId: TenantId,
    page: { runId: string; page: number },
    now: string,
  ): Promise<boolean> {
    const rows = (await manager.query(
      this.sql(
        'INSERT INTO sync_run_pages (run_id, page, tenant_id, records, written, unchanged, rejected, created_at) VALUES (?, ?, ?, 0, 0, 0, 0, ?) ON CONFLICT DO NOTHING RETURNING run_id',
      ),
      [page.runId, page.page, tenantId, now],
    )) as unknown[];
    return rows.length > 0;
  }

  private async upsertRecords(
    manager: EntityManager,
    tenantId: TenantId,
    records: NewCanonicalRecord[],
    now: string,
  ): Promise<string[]> {
    if (records.length === 0) return [];
    const params: unknown[] = [];
    for (const record of records) {
      params.push(
        record.id,
        tenantId,
        record.connectionId,
        record.entity,
        record.sourceId,
        record.data,
        record.contentHash,
        record.rawHash,
        1,
        record.label,
        record.search,
        record.email,
        record.status,
        record.customerSourceId,
        record.modifiedAt,
        record.fetchedAt,
        record.mappingVersion,
        record.syncRunId,
        now,
        now,
      );
    }
    const tuple = `(${RECORD_COLUMNS.map(() => '?').join(', ')})`;
    const rows = (await manager.query(
      this.sql(
        `INSERT INTO canonical_records (${RECORD_COLUMNS.join(', ')}) VALUES ${records.map(() => tuple).join(', ')} ` +
          'ON CONFLICT (tenant_id, connection_id, entity, source_id) DO UPDATE SET ' +
          `${UPDATED_ON_CHANGE.map((c) => `${c} = excluded.${c}`).join(', ')}, version = canonical_records.version + 1 ` +
          'WHERE canonical_records.content_hash <> excluded.content_hash RETURNING id, version',
      ),
      params,
    )) as { id: string; version: number }[];
    await this.outbox.append(manager, recordChanges(tenantId, records, rows));
    return rows.map((row) => row.id);
  }

  private async upsertDeadLetter(
    manager: EntityManager,
    tenantId: TenantId,
    letter: NewDeadLetter,
    now: string,
  ): Promise<string> {
    const values = [
      randomUUID(),
      tenantId,
      letter.connectionId,
      letter.entity,
      letter.sourceId,
      letter.syncRunId,
      letter.stage,
      letter.reason,
      JSON.stringify(letter.errors),
      letter.raw,
      letter.rawHash,
      'open',
      1,
      now,
      now,
    ];
    const rows = (await manager.query(
      this.sql(
        `INSERT INTO dead_letters (${DEAD_LETTER_COLUMNS.join(', ')}) VALUES (${DEAD_LETTER_COLUMNS.map(() => '?').join(', ')}) ` +
          'ON CONFLICT (tenant_id, connection_id, entity, raw_hash) DO UPDATE SET ' +
          'reason = excluded.reason, errors = excluded.errors, stage = excluded.stage, ' +
          'sync_run_id = excluded.sync_run_id, occurrences = dead_letters.occurrences + 1, updated_at = excluded.updated_at ' +
          'RETURNING id',
      ),
      values,
    )) as { id: string }[];
    return rows[0].id;
  }

  private sql(text: string): string {
    if (this.dataSource.options.type !== 'postgres') return text;
    let index = 0;
    return text.replace(/\?/g, () => `$${++index}`);
  }
}
