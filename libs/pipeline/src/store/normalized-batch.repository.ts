import { Injectable } from '@nestjs/common';
import type { TenantId } from '@trestle/auth';
import { isPostgres, sqlFor } from '@trestle/core';
import { ChangeOutbox, recordChanges } from '@trestle/events';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { NewDeadLetter } from '../dead-letters/dead-letter.repository';
import type { CanonicalRecordEntity } from './canonical-record.entity';

export type NewCanonicalRecord = Omit<CanonicalRecordEntity, 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>;

/** What one sync page adds to its connection's data-quality figures (kept on its page marker). */
export interface BatchQuality {
  connectionId: string;
  entity: string;
  /** Source records the page delivered. */
  read: number;
  duplicates: number;
  missingRequired: Record<string, number>;
}

export interface NormalizedBatch {
  /** The run page this batch is; absent for a dead-letter replay. */
  page?: { runId: string; page: number };
  records: NewCanonicalRecord[];
  rejected: NewDeadLetter[];
  maxModifiedAt: string | null;
  /** Kept on the page marker, so counted only when the page is committed (never for a replayed page). */
  quality?: BatchQuality;
}

export interface CommittedBatch {
  /** Ids of records created or changed. */
  written: string[];
  unchanged: number;
  rejected: number;
  deadLetterIds: string[];
}

interface UpsertedRow {
  id: string;
  version: number | string;
}

/** Rows per statement where each value is its own parameter (SQLite). */
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

/** The columns that vary per record, as the JSON rows of a PostgreSQL batch name them. */
const RECORD_FIELDS = RECORD_COLUMNS.filter(
  (c) => !['tenant_id', 'version', 'created_at', 'updated_at'].includes(c),
) as string[];

const UPDATED_ON_CHANGE = RECORD_COLUMNS.filter(
  (c) => !['id', 'tenant_id', 'connection_id', 'entity', 'source_id', 'version', 'created_at'].includes(c),
);

const UPSERT_TAIL =
  'ON CONFLICT (tenant_id, connection_id, entity, source_id) DO UPDATE SET ' +
  `${UPDATED_ON_CHANGE.map((c) => `${c} = excluded.${c}`).join(', ')}, version = canonical_records.version + 1 ` +
  'WHERE canonical_records.content_hash <> excluded.content_hash';

/**
 * On PostgreSQL the whole page is one parameter: JSON rows expanded by json_to_recordset, so a
 * page is one statement however many records it holds, and nothing is quoted value by value. It
 * returns what the change events of the rows it changed are made of (see ChangeOutbox.appendChangesOf).
 */
const POSTGRES_UPSERT =
  `INSERT INTO canonical_records (${RECORD_COLUMNS.join(', ')}) ` +
  `SELECT ${RECORD_COLUMNS.map((c) => (c === 'tenant_id' ? '$1' : c === 'version' ? '1' : c === 'created_at' || c === 'updated_at' ? '$2' : `r.${c}`)).join(', ')} ` +
  `FROM json_to_recordset($3::json) AS r(${RECORD_FIELDS.map((c) => `${c} text`).join(', ')}) ` +
  `${UPSERT_TAIL} RETURNING id, version, connection_id, entity, source_id, fetched_at, data`;

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
 * changes only when its content hash does), the change events and the dead letters, each kind in
 * one statement, and the page's counts and data-quality figures on its marker (read of the
 * figures folds them into the totals; see PipelineQualityRepository). A page already committed is
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
      const records = [...batch.records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const written = await this.upsertRecords(manager, tenantId, records, now);
      const deadLetterIds = await this.upsertDeadLetters(manager, tenantId, batch.rejected, now);
      const result = {
        written,
        unchanged: records.length - written.length,
        rejected: batch.rejected.length,
        deadLetterIds,
      };
      if (batch.page) {
        const quality = batch.quality;
        const missing = quality ? Object.entries(quality.missingRequired) : [];
        await manager.query(
          this.sql(
            'UPDATE sync_run_pages SET records = ?, written = ?, unchanged = ?, rejected = ?, max_modified_at = ?, ' +
              'connection_id = ?, entity = ?, records_read = ?, duplicates = ?, missing_required = ?, quality_pending = ? ' +
              'WHERE run_id = ? AND page = ?',
          ),
          [
            records.length + result.rejected,
            written.length,
            result.unchanged,
            result.rejected,
            batch.maxModifiedAt,
            quality?.connectionId ?? null,
            quality?.entity ?? null,
            quality?.read ?? 0,
            quality?.duplicates ?? 0,
            missing.length > 0 ? JSON.stringify(Object.fromEntries(missing)) : null,
            quality ? 1 : 0,
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
    if (this.postgres) {
      const parameters: [TenantId, string, string] = [tenantId, now, JSON.stringify(records.map(toRecordRow))];
      return (await this.outbox.appendChangesOf(manager, POSTGRES_UPSERT, parameters)).map((row) => row.id);
    }
    const written = await this.upsertRecordsInChunks(manager, tenantId, records, now);
    await this.outbox.append(manager, recordChanges(tenantId, records, written));
    return written.map((row) => row.id);
  }

  private async upsertRecordsInChunks(
    manager: EntityManager,
    tenantId: TenantId,
    records: NewCanonicalRecord[],
    now: string,
  ): Promise<UpsertedRow[]> {
    const written: UpsertedRow[] = [];
    const tuple = `(${RECORD_COLUMNS.map(() => '?').join(', ')})`;
    for (let start = 0; start < records.length; start += CHUNK) {
      const chunk = records.slice(start, start + CHUNK);
      const params: unknown[] = [];
      for (const record of chunk) {
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
      const rows = (await manager.query(
        `INSERT INTO canonical_records (${RECORD_COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ${UPSERT_TAIL} RETURNING id, version`,
        params,
      )) as UpsertedRow[];
      written.push(...rows);
    }
    return written;
  }

  /** One statement per page; identical raw records in one page become one letter seen that many times. */
  private async upsertDeadLetters(
    manager: EntityManager,
    tenantId: TenantId,
    letters: NewDeadLetter[],
    now: string,
  ): Promise<string[]> {
    if (letters.length === 0) return [];
    const byRaw = new Map<string, { letter: NewDeadLetter; occurrences: number }>();
    for (const letter of letters) {
      const seen = byRaw.get(letter.rawHash);
      byRaw.set(letter.rawHash, { letter, occurrences: (seen?.occurrences ?? 0) + 1 });
    }
    const unique = [...byRaw.values()].sort((a, b) => (a.letter.rawHash < b.letter.rawHash ? -1 : 1));
    const ids: string[] = [];
    for (let start = 0; start < unique.length; start += CHUNK) {
      const chunk = unique.slice(start, start + CHUNK);
      const params = chunk.flatMap(({ letter, occurrences }) => [
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
        occurrences,
        now,
        now,
      ]);
      const tuple = `(${DEAD_LETTER_COLUMNS.map(() => '?').join(', ')})`;
      const rows = (await manager.query(
        this.sql(
          `INSERT INTO dead_letters (${DEAD_LETTER_COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ` +
            'ON CONFLICT (tenant_id, connection_id, entity, raw_hash) DO UPDATE SET ' +
            'reason = excluded.reason, errors = excluded.errors, stage = excluded.stage, ' +
            'sync_run_id = excluded.sync_run_id, occurrences = dead_letters.occurrences + excluded.occurrences, ' +
            'updated_at = excluded.updated_at RETURNING id',
        ),
        params,
      )) as { id: string }[];
      ids.push(...rows.map((row) => row.id));
    }
    return ids;
  }

  private get postgres(): boolean {
    return isPostgres(this.dataSource);
  }

  private sql(text: string): string {
    return sqlFor(this.dataSource, text);
  }
}

function toRecordRow(record: NewCanonicalRecord): Record<string, string | null> {
  return {
    id: record.id,
    connection_id: record.connectionId,
    entity: record.entity,
    source_id: record.sourceId,
    data: record.data,
    content_hash: record.contentHash,
    raw_hash: record.rawHash,
    label: record.label,
    search: record.search,
    email: record.email,
    status: record.status,
    customer_source_id: record.customerSourceId,
    modified_at: record.modifiedAt,
    fetched_at: record.fetchedAt,
    mapping_version: record.mappingVersion,
    sync_run_id: record.syncRunId,
  };
}
