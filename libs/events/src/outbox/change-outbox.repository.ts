import { Injectable } from '@nestjs/common';
import type { TenantId } from '@trestle/auth';
import { isPostgres, ProblemException } from '@trestle/core';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  ChangeKind,
  EmitOptions,
  EVENT_TYPE,
  RecordChange,
  recordChangeData,
  recordChangeDataSql,
  recordEventType,
  recordEventTypeSql,
} from '../change-event';
import { OutboxSignal } from './outbox-signal';

const COLUMNS = ['id', 'tenant_id', 'type', 'subject', 'connection_id', 'entity', 'ordering_key', 'time', 'data'];
const CHUNK = 1000;

type OutboxRow = [string, string, string, string, string | null, string | null, string, string, string];

/**
 * The one way into the event outbox. `append` runs inside the caller's transaction, so an event
 * exists exactly when the change it announces was committed.
 */
@Injectable()
export class ChangeOutbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signal: OutboxSignal,
  ) {}

  /** Appends one event per change, in the order given; call it after the change's own writes. */
  async append(manager: EntityManager, changes: readonly RecordChange[]): Promise<void> {
    if (changes.length === 0) return;
    const time = new Date().toISOString();
    await this.insert(
      manager,
      changes.map((change) => [
        randomUUID(),
        change.tenantId,
        recordEventType(change.entity, change.kind),
        change.id,
        change.connectionId,
        change.entity,
        change.id,
        time,
        recordChangeData(change),
      ]),
    );
    this.signal.appended();
  }

  /**
   * PostgreSQL: runs `changing`, a data-modifying statement whose RETURNING gives the changed store
   * rows (id, version, connection_id, entity, source_id, fetched_at, data), and appends the change
   * event of each row it returns in the same statement, as append() would have written it. Its
   * parameters $1 and $2 are the tenant and the events' time. Returns the rows' id and version.
   */
  async appendChangesOf(
    manager: EntityManager,
    changing: string,
    parameters: [TenantId, string, ...unknown[]],
  ): Promise<{ id: string; version: number }[]> {
    const rows = (await manager.query(
      `WITH changed AS (${changing}), appended AS (INSERT INTO event_outbox (seq, ${COLUMNS.join(', ')}) ` +
        `SELECT nextval('event_outbox_seq'), gen_random_uuid()::text, $1, ${recordEventTypeSql('c')}, ` +
        `c.id, c.connection_id, c.entity, c.id, $2, ${recordChangeDataSql('c')} ` +
        'FROM (SELECT * FROM changed ORDER BY id COLLATE "C") AS c RETURNING seq), ' +
        'unrouted AS (INSERT INTO event_outbox_unrouted (seq) SELECT seq FROM appended) ' +
        'SELECT id, version FROM changed',
      parameters,
    )) as { id: string; version: number }[];
    if (rows.length > 0) this.signal.appended();
    return rows;
  }

  /** A write through the hub that the legacy system confirmed, with the record as it answered. */
  async written(
    tenantId: TenantId,
    entity: string,
    kind: ChangeKind,
    record: { id: string; source: { connectionId: string; sourceId: string; fetchedAt: string } },
  ): Promise<void> {
    const { id, source, ...fields } = record;
    await this.append(this.dataSource.manager, [
      {
        tenantId,
        connectionId: source.connectionId,
        entity,
        id,
        sourceId: source.sourceId,
        kind,
        version: null,
        fetchedAt: source.fetchedAt,
        fields: JSON.stringify(fields),
      },
    ]);
  }

  /**
   * Raises a non-record event (an alert, a drift notice) to the tenant's matching subscriptions;
   * pass `manager` to make it part of a transaction. Returns the event id.
   */
  async emit(
    tenantId: TenantId,
    type: string,
    subject: string,
    data: unknown,
    options: EmitOptions = {},
  ): Promise<string> {
    if (!EVENT_TYPE.test(type)) {
      throw ProblemException.badRequest(`Event type '${type}' must be dotted lowercase, e.g. trestle.alert.drift.`);
    }
    const id = randomUUID();
    await this.insert(options.manager ?? this.dataSource.manager, [
      [
        id,
        tenantId,
        type,
        subject,
        options.connectionId ?? null,
        options.entity ?? null,
        options.orderingKey ?? subject,
        new Date().toISOString(),
        JSON.stringify(data ?? null),
      ],
    ]);
    this.signal.appended();
    return id;
  }

  /**
   * The rows travel as one JSON parameter, so the statement stays small (cheap to prepare) at any
   * size, and each event is marked unrouted alongside. `seq` follows the order given: from the
   * sequence on PostgreSQL, past the highest on SQLite.
   */
  private async insert(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
    const values = COLUMNS.map((_, index) => `r.value ->> ${index}`).join(', ');
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = JSON.stringify(rows.slice(start, start + CHUNK));
      if (isPostgres(manager)) {
        await manager.query(
          `WITH appended AS (INSERT INTO event_outbox (seq, ${COLUMNS.join(', ')}) SELECT nextval('event_outbox_seq'), ${values} ` +
            'FROM (SELECT e.value, e.position FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, position) ' +
            'ORDER BY e.position) AS r RETURNING seq) INSERT INTO event_outbox_unrouted (seq) SELECT seq FROM appended',
          [chunk],
        );
        continue;
      }
      const [{ last }] = (await manager.query('SELECT COALESCE(MAX(seq), 0) AS last FROM event_outbox')) as {
        last: number;
      }[];
      await manager.query(
        `INSERT INTO event_outbox (seq, ${COLUMNS.join(', ')}) SELECT ? + r.key + 1, ${values} FROM json_each(?) AS r`,
        [last, chunk],
      );
      await manager.query('INSERT INTO event_outbox_unrouted (seq) SELECT ? + r.key + 1 FROM json_each(?) AS r', [
        last,
        chunk,
      ]);
    }
  }
}
