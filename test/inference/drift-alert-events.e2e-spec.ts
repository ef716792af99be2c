import { Scope } from '@trestle/core';
import { DriftAlertSink } from '@trestle/inference';
import { bearer, startTestHub, TestHub } from '../harness/hub';

describe('drift alerts as change events', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  afterAll(() => hub?.close());

  it("reach the tenant's event feed as trestle.alert.* CloudEvents, and no other tenant's", async () => {
    await hub.app.get(DriftAlertSink).raise({
      tenantId: 'drifting',
      type: 'inference.drift.detected',
      subject: 'inference/models/order-anomaly',
      data: {
        model: 'order-anomaly',
        version: '1',
        threshold: 0.2,
        drifted: [{ feature: 'log_amount', kind: 'input', psi: 1.7 }],
        changed: ['log_amount'],
        windowRecords: 400,
        evaluatedAt: '2026-12-01T10:00:00.000Z',
      },
    });
    const feed = async (tenant: string) => {
      const key = await hub.mintKey([Scope.EventsAdmin], tenant);
      const response = await hub.app.inject({ method: 'GET', url: '/v1/events', headers: bearer(key) });
      expect(response.statusCode).toBe(200);
      return response.json().data as Record<string, unknown>[];
    };

    expect(await feed('drifting')).toEqual([
      expect.objectContaining({
        specversion: '1.0',
        type: 'trestle.alert.inference.drift.detected',
        subject: 'inference/models/order-anomaly',
        data: expect.objectContaining({ model: 'order-anomaly', drifted: [expect.objectContaining({ psi: 1.7 })] }),
      }),
    ]);
    expect(await feed('default')).toEqual([]);
  });
});
