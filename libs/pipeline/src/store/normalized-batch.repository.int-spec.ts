import { trustedTenantId } from '@trestle/auth';
import { hubId, sha256 } from '@trestle/core';
import { recordChangeData, recordChanges } from '@trestle/events';
import { PostgresHub, startPostgresHub } from '../../../../test/harness/postgres-hub';
import { NewCanonicalRecord, NormalizedBatchRepository } from './normalized-batch.repository';

const tenantId = trustedTenantId('default');
const connectionId = '2f4c1e8a-6b0d-4c3e-9a7f-5d1b2c3e4f50';

function customer(sourceId: string, fields: Record<string, unknown>): NewCanonicalRecord {
  const data = JSON.stringify(fields);
  return {
    id: hubId('customer', connectionId, sourceId),
    connectionId,
    entity: 'customer',
    sourceId,
    data,
    contentHash: sha256(data),
    rawHash: sha256(`raw ${data}`),
    label: null,
    search: '',
    email: null,
    status: null,
    customerSourceId: null,
    modifiedAt: '2026-01-02T03:04:05.000Z',
    fetchedAt: '2026-01-02T03:04:06.000Z',
    mappingVersion: 'v1',
    syncRunId: null,
  };
}

interface OutboxRow {
  seq: string;
  id: string;
  type: string;
  subject: string;
  ordering_key: string;
  data: string;
}

/** The store's PostgreSQL path builds its change events in SQL; they must be exactly what append() writes. */
describe('store change events on PostgreSQL', () => {
  let postgres: PostgresHub;
  let batches: NormalizedBatchRepository;

  beforeAll(async () => {
    postgres = await startPostgresHub();
    batches = postgres.hub.app.get(NormalizedBatchRepository);
  });

  afterAll(() => postgres?.close());

  const outbox = async (after = '0') =>
    (
      await postgres.client.query<OutboxRow>(
        'SELECT seq::text, id, type, subject, ordering_key, data FROM event_outbox WHERE seq > $1 ORDER BY seq',
        [after],
      )
    ).rows;

  it('writes the event of every created, updated record, byte for byte as the event format defines it, none for an unchanged one', async () => {
    const tricky = customer('C"\\1', { name: 'Müller "Quote" \\ back\nline\ttab\u0001ctl 🚀', status: 'active' });
    const plain = customer('C2', { name: 'Plain' });
    const empty = customer('C3', {});
    const first = await batches.commit(tenantId, {
      records: [tricky, plain, empty],
      rejected: [],
      maxModifiedAt: null,
    });
    expect(first?.written.sort()).toEqual([tricky.id, plain.id, empty.id].sort());

    const created = await outbox();
    const expected = recordChanges(
      tenantId,
      [tricky, plain, empty],
      [tricky, plain, empty].map((record) => ({ id: record.id, version: 1 })),
    ).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(created.map((row) => [row.type, row.subject, row.ordering_key])).toEqual(
      expected.map((change) => ['trestle.customer.created', change.id, change.id]),
    );
    expect(created.map((row) => row.data)).toEqual(expected.map(recordChangeData));
    expect(new Set(created.map((row) => row.id)).size).toBe(3);
    expect(created.every((row) => /^[0-9a-f-]{36}$/.test(row.id))).toBe(true);
    const unrouted = await postgres.client.query<{ seq: string }>(
      'SELECT seq::text FROM event_outbox_unrouted ORDER BY seq',
    );
    expect(unrouted.rows.map((row) => row.seq)).toEqual(created.map((row) => row.seq));

    const changed = customer('C2', { name: 'Plain, renamed' });
    const second = await batches.commit(tenantId, { records: [changed, tricky], rejected: [], maxModifiedAt: null });
    expect(second).toMatchObject({ written: [changed.id], unchanged: 1 });
    const updated = await outbox(created[created.length - 1].seq);
    const [change] = recordChanges(tenantId, [changed], [{ id: changed.id, version: 2 }]);
    expect(updated.map((row) => [row.type, row.data])).toEqual([
      ['trestle.customer.updated', recordChangeData(change)],
    ]);
    expect(JSON.parse(updated[0].data)).toMatchObject({
      kind: 'updated',
      version: 2,
      record: { name: 'Plain, renamed' },
    });
  });
});
