import { trustedTenantId } from '@trestle/auth';
import { CloudEvent } from 'cloudevents';
import { recordChangeData, recordChanges } from './change-event';
import { cloudEventJson, sequenceOf } from './cloud-event';
import type { OutboxEventEntity } from './outbox/outbox-event.entity';

const tenantId = trustedTenantId('acme.eu');
const record = {
  id: 'cus_abc',
  connectionId: '7d7c2a38-0d8e-4a53-9d0e-3d1b1f0c2b11',
  entity: 'customer',
  sourceId: 'C000001',
  data: '{"name":"Acme","status":"active"}',
  fetchedAt: '2026-01-02T03:04:05.000Z',
};

describe('record changes', () => {
  it('turns the rows an upsert returned into changes: version 1 is created, later ones updated', () => {
    const other = { ...record, id: 'cus_def', sourceId: 'C000002' };
    const changes = recordChanges(
      tenantId,
      [record, other],
      [
        { id: 'cus_def', version: '3' },
        { id: 'cus_abc', version: 1 },
      ],
    );
    expect(changes.map((c) => [c.id, c.kind, c.version])).toEqual([
      ['cus_def', 'updated', 3],
      ['cus_abc', 'created', 1],
    ]);
    expect(changes[1]).toMatchObject({ tenantId, connectionId: record.connectionId, sourceId: 'C000001' });
  });

  it('carries the record as the API serves it, without parsing the stored fields', () => {
    const [change] = recordChanges(tenantId, [record], [{ id: 'cus_abc', version: 2 }]);
    expect(JSON.parse(recordChangeData(change))).toEqual({
      kind: 'updated',
      entity: 'customer',
      version: 2,
      record: {
        id: 'cus_abc',
        source: { connectionId: record.connectionId, sourceId: 'C000001', fetchedAt: record.fetchedAt },
        name: 'Acme',
        status: 'active',
      },
    });
    expect(JSON.parse(recordChangeData({ ...change, fields: '{}' })).record).toEqual({
      id: 'cus_abc',
      source: { connectionId: record.connectionId, sourceId: 'C000001', fetchedAt: record.fetchedAt },
    });
  });
});

describe('CloudEvents JSON', () => {
  const row: OutboxEventEntity = {
    seq: '42',
    id: '0b8f7f56-6a3e-4c36-8c0e-4b7c7e1f2a10',
    tenantId,
    type: 'trestle.customer.updated',
    subject: 'cus_abc',
    connectionId: record.connectionId,
    entity: 'customer',
    orderingKey: 'cus_abc',
    time: '2026-01-02T03:04:05.000Z',
    data: '{"kind":"updated","record":{"id":"cus_abc"}}',
  };

  it('is a valid structured-mode CloudEvent 1.0 with the record extensions', () => {
    const json = cloudEventJson(row);
    const event = new CloudEvent(JSON.parse(json), true);
    expect(event.validate()).toBe(true);
    expect(JSON.parse(json)).toEqual({
      specversion: '1.0',
      id: row.id,
      source: `/tenants/acme.eu/connections/${record.connectionId}`,
      type: 'trestle.customer.updated',
      subject: 'cus_abc',
      time: row.time,
      datacontenttype: 'application/json',
      tenant: 'acme.eu',
      entity: 'customer',
      connectionid: record.connectionId,
      partitionkey: 'cus_abc',
      sequence: '00000000000000000042',
      data: { kind: 'updated', record: { id: 'cus_abc' } },
    });
  });

  it('is the same bytes every time, and sequences sort as strings in event order', () => {
    expect(cloudEventJson(row)).toBe(cloudEventJson({ ...row }));
    expect(sequenceOf(9) < sequenceOf(10)).toBe(true);
    const alert = JSON.parse(cloudEventJson({ ...row, connectionId: null, entity: null, type: 'trestle.alert.drift' }));
    expect(alert.source).toBe('/tenants/acme.eu');
    expect(alert).not.toHaveProperty('entity');
  });
});
