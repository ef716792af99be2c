import { HubWithLegacySystems, startHubWithLegacySystems } from '../harness/hub-with-legacy-systems';
import { HubCaller, readAll, startSync, waitForRun } from '../pipeline/pipeline-fixtures';

interface StoredOrder {
  id: string;
  number: string;
}

describe('pipeline -> infer queue -> enrichments (in-process queues)', () => {
  let fixture: HubWithLegacySystems<'erp'>;
  let api: HubCaller;
  let connectionId: string;

  beforeAll(async () => {
    fixture = await startHubWithLegacySystems(
      { SYNC_PAGE_SIZE: '10', JOB_BACKOFF_MS: '50' },
      { erp: { customers: 12, ordersPerCustomer: 2, linesPerOrder: 3 } },
    );
    api = fixture.api;
    connectionId = fixture.legacy.erp.connectionId;
  }, 60_000);

  afterAll(() => fixture?.close());

  it('scores every order a sync stores, once, and records each decision', async () => {
    const run = await waitForRun(api, (await startSync(api, connectionId, 'order', 'full')).id);
    expect(run.status).toBe('succeeded');
    const stored = await readAll<StoredOrder>(api, `/v1/orders?mode=store&connectionId=${connectionId}&limit=100`);
    expect(stored.length).toBeGreaterThan(0);

    const enrichments = await eventually(async () => {
      const { body } = await api.call<{ data: { recordId: string; model: string; output: number }[] }>(
        'GET',
        '/v1/enrichments?entity=order&limit=500',
      );
      return body.data.length >= stored.length ? body.data : undefined;
    });

    expect(new Set(enrichments.map((e) => e.recordId))).toEqual(new Set(stored.map((o) => o.id)));
    expect(enrichments.every((e) => e.model === 'order-anomaly' && e.output >= 0 && e.output <= 1)).toBe(true);
    const { body: audit } = await api.call<{ data: { requestId: string | null }[] }>(
      'GET',
      '/v1/audit/events?action=inference.decision&limit=500',
    );
    expect(audit.data).toHaveLength(stored.length);
    expect(audit.data.every((event) => event.requestId?.startsWith('job:'))).toBe(true);

    const again = await waitForRun(api, (await startSync(api, connectionId, 'order', 'full')).id);
    expect(again.status).toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { body: after } = await api.call<{ data: unknown[] }>('GET', '/v1/enrichments?entity=order&limit=500');
    expect(after.data).toHaveLength(enrichments.length);
  });
});

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
