import { Injectable } from '@nestjs/common';
import type { Principal, TenantId } from '@trestle/auth';
import {
  CanonicalEntityName,
  CanonicalRecordMeta,
  decodeCursor,
  encodeCursor,
  invalidCursor,
  ProblemException,
} from '@trestle/core';
import { CanonicalRecordEntity } from './canonical-record.entity';
import { CanonicalRecordRepository, STORE_SORT_COLUMNS, StoreSortKey } from './canonical-record.repository';
import { JoinKeyRepository } from './join-key.repository';

export type StoredRecord = CanonicalRecordMeta & Record<string, unknown>;

/** The list parameters store reads understand (a subset of the unified list query). */
export interface StoreQuery {
  connectionId?: string;
  cursor?: string;
  limit?: number;
  modifiedSince?: string;
  q?: string;
  status?: string;
  email?: string;
  customerSourceId?: string;
  sort?: string;
}

export interface StorePage {
  data: StoredRecord[];
  cursor: string | null;
}

const DEFAULT_LIMIT = 50;
/** Most ids one store read looks up at once. */
const MAX_IDS_PER_QUERY = 1000;

interface PendingGet {
  id: string;
  resolve: (record: StoredRecord | undefined) => void;
  reject: (error: unknown) => void;
}

interface GetBatch {
  tenantId: TenantId;
  entity: CanonicalEntityName;
  gets: PendingGet[];
}

/**
 * Reads the canonical store (`mode=store`): filters, sorting, keyset cursors, and the
 * cross-system join of an order's `customer` (per the tenant's join key; by default the customer
 * with the order's customerSourceId in the same system).
 */
@Injectable()
export class StoreReader {
  private readonly pendingGets = new Map<string, GetBatch>();

  constructor(
    private readonly records: CanonicalRecordRepository,
    private readonly joinKeys: JoinKeyRepository,
  ) {}

  async list(principal: Principal, entity: CanonicalEntityName, query: StoreQuery): Promise<StorePage> {
    const sort = parseSort(query.sort);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.records.page(principal.tenantId, {
      entity,
      connectionId: query.connectionId,
      status: query.status,
      email: query.email?.toLowerCase(),
      customerSourceId: query.customerSourceId,
      modifiedSince: query.modifiedSince ? new Date(query.modifiedSince).toISOString() : undefined,
      q: query.q?.toLowerCase(),
      sort,
      after: decodeSortCursor(query.cursor, sort.key, sort.descending),
      limit: limit + 1,
    });
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const last = shown[shown.length - 1];
    const data = await this.withRelations(
      principal.tenantId,
      entity,
      shown.map((row) => row.record),
    );
    return {
      data,
      cursor: more && last ? encodeSortCursor(sort.key, sort.descending, last.sortValue, last.record.id) : null,
    };
  }

  /**
   * One record by hub id. Gets asked for in the same tick (a caller loading many records at once)
   * are answered together: one query per thousand ids, relations joined for the whole batch.
   */
  async get(principal: Principal, entity: CanonicalEntityName, id: string): Promise<StoredRecord> {
    const record = await new Promise<StoredRecord | undefined>((resolve, reject) => {
      const key = `${principal.tenantId}\u0000${entity}`;
      let batch = this.pendingGets.get(key);
      if (!batch) {
        const created: GetBatch = { tenantId: principal.tenantId, entity, gets: [] };
        this.pendingGets.set(key, created);
        process.nextTick(() => {
          this.pendingGets.delete(key);
          void this.answer(created);
        });
        batch = created;
      }
      batch.gets.push({ id, resolve, reject });
    });
    if (!record) throw ProblemException.notFound(entity, id);
    return record;
  }

  private async answer(batch: GetBatch): Promise<void> {
    try {
      const ids = [...new Set(batch.gets.map((get) => get.id))];
      const found: CanonicalRecordEntity[] = [];
      for (let start = 0; start < ids.length; start += MAX_IDS_PER_QUERY) {
        const rows = await this.records.byIds(batch.tenantId, ids.slice(start, start + MAX_IDS_PER_QUERY));
        found.push(...rows.filter((row) => row.entity === batch.entity));
      }
      const stored = await this.withRelations(batch.tenantId, batch.entity, found);
      const byId = new Map(found.map((row, index) => [row.id, stored[index]]));
      for (const get of batch.gets) get.resolve(byId.get(get.id));
    } catch (error) {
      for (const get of batch.gets) get.reject(error);
    }
  }

  private async withRelations(
    tenantId: TenantId,
    entity: CanonicalEntityName,
    records: CanonicalRecordEntity[],
  ): Promise<StoredRecord[]> {
    const plain = records.map(toStoredRecord);
    if (entity !== 'order') return plain;
    const customers = await this.customersOf(tenantId, records);
    return plain.map((order, index) => ({ ...order, customer: customers[index] ?? null }));
  }

  /** The joined customer of each order, per the tenant's `order.customer` join key. */
  private async customersOf(
    tenantId: TenantId,
    orders: CanonicalRecordEntity[],
  ): Promise<(StoredRecord | undefined)[]> {
    const key = await this.joinKeys.get(tenantId, 'order', 'customer');
    const target = key?.targetConnectionId ?? undefined;
    const wanted = orders.filter((order) => order.customerSourceId);
    const sourceIds = [...new Set(wanted.map((order) => order.customerSourceId as string))];
    const local = await this.records.bySourceIds(tenantId, 'customer', sourceIds);
    const localOf = (order: CanonicalRecordEntity) =>
      local.find((c) => c.connectionId === order.connectionId && c.sourceId === order.customerSourceId);

    if (!key || key.matchOn === 'sourceId') {
      const pick = (order: CanonicalRecordEntity) =>
        target ? local.find((c) => c.connectionId === target && c.sourceId === order.customerSourceId) : localOf(order);
      return orders.map((order) => (order.customerSourceId ? mapped(pick(order)) : undefined));
    }

    const emails = [...new Set(local.map((c) => c.email).filter((e): e is string => !!e))];
    const candidates = await this.records.byEmails(tenantId, 'customer', emails);
    return orders.map((order) => {
      const email = order.customerSourceId ? localOf(order)?.email : undefined;
      if (!email) return undefined;
      const match = candidates.find(
        (c) => c.email === email && (target ? c.connectionId === target : c.connectionId !== order.connectionId),
      );
      return mapped(match);
    });
  }
}

function mapped(record: CanonicalRecordEntity | undefined): StoredRecord | undefined {
  return record ? toStoredRecord(record) : undefined;
}

export function toStoredRecord(record: CanonicalRecordEntity): StoredRecord {
  return {
    id: record.id,
    source: { connectionId: record.connectionId, sourceId: record.sourceId, fetchedAt: record.fetchedAt },
    ...(JSON.parse(record.data) as Record<string, unknown>),
  };
}

function parseSort(sort: string | undefined): { key: StoreSortKey; descending: boolean } {
  if (!sort) return { key: 'id', descending: false };
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  if (!(key in STORE_SORT_COLUMNS)) {
    throw ProblemException.validation([
      {
        field: 'sort',
        message: `must be one of ${Object.keys(STORE_SORT_COLUMNS).join(', ')}, optionally prefixed with -`,
      },
    ]);
  }
  return { key: key as StoreSortKey, descending };
}

function encodeSortCursor(key: string, descending: boolean, value: string, id: string): string {
  return encodeCursor(['s', key, descending, value, id]);
}

function decodeSortCursor(
  cursor: string | undefined,
  key: string,
  descending: boolean,
): { value: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [tag, sortKey, sortDescending, value, id] = decodeCursor(cursor);
  if (tag !== 's' || typeof value !== 'string' || typeof id !== 'string') throw invalidCursor();
  if (sortKey !== key || sortDescending !== descending) throw invalidCursor('was issued for another sort order');
  return { value, id };
}
