import type { TenantId } from '@trestle/auth';
import type { EntityManager } from 'typeorm';

export const CHANGE_KINDS = ['created', 'updated', 'deleted'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One change to a canonical record, as the store or a write through the hub saw it. */
export interface RecordChange {
  tenantId: TenantId;
  connectionId: string;
  entity: string;
  /** The hub id; also the ordering key, so one record's events arrive in order. */
  id: string;
  sourceId: string;
  kind: ChangeKind;
  /** The store's row version when the store made the change; null for a write through the hub. */
  version: number | null;
  fetchedAt: string;
  /** The canonical fields as JSON object text (what the store keeps in `data`). */
  fields: string;
}

export interface EmitOptions {
  connectionId?: string;
  entity?: string;
  /** Events with the same key are delivered in order; defaults to the subject. */
  orderingKey?: string;
  /** The transaction to append in; the event then exists exactly when that transaction commits. */
  manager?: EntityManager;
}

export const EVENT_TYPE = /^[a-z0-9_]+(\.[a-z0-9_]+){1,9}$/;

export function recordEventType(entity: string, kind: ChangeKind): string {
  return `trestle.${entity}.${kind}`;
}

/** recordEventType() as a PostgreSQL expression over a store row `alias` (its entity and version). */
export function recordEventTypeSql(alias: string): string {
  return `'trestle.' || ${alias}.entity || '.' || ${recordKindSql(alias)}`;
}

/** The CloudEvents `data` of a record change: what changed, and the record as the API serves it. */
export function recordChangeData(change: RecordChange): string {
  const head = JSON.stringify({
    id: change.id,
    source: { connectionId: change.connectionId, sourceId: change.sourceId, fetchedAt: change.fetchedAt },
  });
  const fields = change.fields.trim();
  const record = fields === '{}' ? head : `${head.slice(0, -1)},${fields.slice(1)}`;
  return `{"kind":${JSON.stringify(change.kind)},"entity":${JSON.stringify(change.entity)},"version":${JSON.stringify(change.version)},"record":${record}}`;
}

/**
 * recordChangeData() as a PostgreSQL expression over a row `alias` with the record's id, entity,
 * connection_id, source_id, fetched_at, version and data columns, for events appended in the
 * statement that made the change.
 */
export function recordChangeDataSql(alias: string): string {
  const json = (column: string) => `to_json(${alias}.${column})::text`;
  return (
    `'{"kind":' || to_json(${recordKindSql(alias)})::text || ',"entity":' || ${json('entity')} || ` +
    `',"version":' || ${alias}.version || ',"record":{"id":' || ${json('id')} || ` +
    `',"source":{"connectionId":' || ${json('connection_id')} || ',"sourceId":' || ${json('source_id')} || ` +
    `',"fetchedAt":' || ${json('fetched_at')} || '}' || ` +
    `CASE WHEN btrim(${alias}.data) = '{}' THEN '}' ELSE ',' || substr(btrim(${alias}.data), 2) END || '}'`
  );
}

/** The change kind of a store row as a PostgreSQL expression: its first version was a creation. */
function recordKindSql(alias: string): string {
  return `CASE WHEN ${alias}.version = 1 THEN 'created' ELSE 'updated' END`;
}

/**
 * The changes one store upsert made: `rows` are what the upsert returned (only rows it inserted
 * or whose content changed), `records` what it was given.
 */
export function recordChanges(
  tenantId: TenantId,
  records: readonly {
    id: string;
    connectionId: string;
    entity: string;
    sourceId: string;
    data: string;
    fetchedAt: string;
  }[],
  rows: readonly { id: string; version: number | string }[],
): RecordChange[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  const changes: RecordChange[] = [];
  for (const row of rows) {
    const record = byId.get(row.id);
    if (!record) continue;
    const version = Number(row.version);
    changes.push({
      tenantId,
      connectionId: record.connectionId,
      entity: record.entity,
      id: record.id,
      sourceId: record.sourceId,
      kind: version === 1 ? 'created' : 'updated',
      version,
      fetchedAt: record.fetchedAt,
      fields: record.data,
    });
  }
  return changes;
}
