import { startLegacySqlite } from '@trestle/simulators';
import Database from 'better-sqlite3';
import { bearer, TestHub } from '../harness/hub';
import { HubWithLegacySystems, startHubWithLegacySystems } from '../harness/hub-with-legacy-systems';
import {
  createLegacyConnection,
  HubCaller,
  POISON,
  readAll,
  startSync,
  SyncRun,
  waitForRun,
} from './pipeline-fixtures';

interface StoredCustomer {
  id: string;
  name: string;
  email?: string;
  status?: string;
  updatedAt?: string;
  source: { connectionId: string; sourceId: string };
}

describe('pipeline over HTTP (in-process queues)', () => {
  let fixture: HubWithLegacySystems<'erp' | 'crm'>;
  let hub: TestHub;
  let api: HubCaller;
  let erpId: string;
  let crmId: string;
  let firstRun: SyncRun;

  beforeAll(async () => {
    fixture = await startHubWithLegacySystems(
      { SYNC_PAGE_SIZE: '7', JOB_BACKOFF_MS: '50' },
      {
        erp: { customers: 60, ordersPerCustomer: 2, linesPerOrder: 1 },
        crm: { customers: 60, ordersPerCustomer: 2, linesPerOrder: 1 },
      },
    );
    ({ hub, api } = fixture);
    erpId = fixture.legacy.erp.connectionId;
    crmId = fixture.legacy.crm.connectionId;
    const legacy = new Database(fixture.legacy.erp.sqlite.file);
    legacy
      .prepare(`UPDATE CUSTMAST SET ${POISON.mapping.column} = ? WHERE CUST_NO = 'C000013'`)
      .run(POISON.mapping.value);
    legacy
      .prepare(`UPDATE CUSTMAST SET ${POISON.validation.column} = ? WHERE CUST_NO = 'C000026'`)
      .run(POISON.validation.value);
    legacy.close();
    firstRun = await waitForRun(api, (await startSync(api, erpId, 'customer', 'full')).id);
  }, 60_000);

  afterAll(() => fixture?.close());

  it('syncs every page into the store and reports progress; bad records go to dead letters', async () => {
    expect(firstRun).toMatchObject({
      status: 'succeeded',
      progress: { pages: 9, pagesNormalized: 9, recordsRead: 60, written: 58, unchanged: 0, rejected: 2 },
    });
    const listed = await api.call<{ data: SyncRun[] }>('GET', `/v1/connections/${erpId}/syncs`);
    expect(listed.body.data.map((run) => run.id)).toContain(firstRun.id);
    const stored = await readAll<StoredCustomer>(api, `/v1/customers?mode=store&connectionId=${erpId}&limit=13`);
    expect(stored).toHaveLength(58);
    expect(new Set(stored.map((c) => c.source.sourceId)).size).toBe(58);
  });

  it('changes nothing when the same data is synced again: no new version, same timestamps', async () => {
    const stored = await readAll<StoredCustomer>(api, `/v1/customers?mode=store&connectionId=${erpId}&limit=200`);
    const before = (
      await api.call<{ version: number; updatedAt: string; syncRunId: string }>('GET', `/v1/lineage/${stored[0].id}`)
    ).body;
    const again = await waitForRun(api, (await startSync(api, erpId, 'customer', 'full')).id);
    expect(again).toMatchObject({
      status: 'succeeded',
      progress: { recordsRead: 60, written: 0, unchanged: 58, rejected: 2 },
    });
    const after = (await api.call<typeof before>('GET', `/v1/lineage/${stored[0].id}`)).body;
    expect(after).toEqual(before);
    expect(after).toMatchObject({
      version: 1,
      syncRunId: firstRun.id,
      connectionId: erpId,
      mappingVersion: 'legacy-sql-simulator@1',
    });
    const letters = await api.call<{ data: { occurrences: number }[] }>(
      'GET',
      `/v1/dead-letters?connectionId=${erpId}`,
    );
    expect(letters.body.data.map((letter) => letter.occurrences)).toEqual([2, 2]);
  });

  it('runs incrementally from the watermark of the last successful run', async () => {
    const run = await waitForRun(api, (await startSync(api, erpId, 'customer', 'incremental')).id);
    expect(run.status).toBe('succeeded');
    expect(run.modifiedSince).toMatch(/^2024-/);
    expect(run.progress.recordsRead).toBeGreaterThanOrEqual(1);
    expect(run.progress.recordsRead).toBeLessThan(60);
    expect(run.progress.written).toBe(0);
  });

  it('filters, sorts and pages store reads', async () => {
    const all = await readAll<StoredCustomer>(api, `/v1/customers?mode=store&connectionId=${erpId}&limit=200`);
    const byUpdated = await readAll<StoredCustomer>(
      api,
      `/v1/customers?mode=store&connectionId=${erpId}&sort=-updatedAt&limit=9`,
    );
    expect(byUpdated.map((c) => c.updatedAt)).toEqual(
      all
        .map((c) => c.updatedAt)
        .sort()
        .reverse(),
    );
    const byName = await readAll<StoredCustomer>(
      api,
      `/v1/customers?mode=store&connectionId=${erpId}&sort=name&limit=11`,
    );
    expect(byName.map((c) => c.name)).toEqual(all.map((c) => c.name).sort());

    const active = await readAll<StoredCustomer>(api, `/v1/customers?mode=store&status=active`);
    expect(active.length).toBeGreaterThan(0);
    expect(active.every((c) => c.status === 'active')).toBe(true);

    const someone = all.find((c) => c.email) as StoredCustomer;
    const byEmail = await readAll<StoredCustomer>(
      api,
      `/v1/customers?mode=store&email=${encodeURIComponent(someone.email!.toUpperCase())}`,
    );
    expect(byEmail.map((c) => c.id)).toContain(someone.id);
    const word = someone.name.split(' ')[0].toLowerCase();
    const searched = await readAll<StoredCustomer>(
      api,
      `/v1/customers?mode=store&q=${encodeURIComponent(word)}&connectionId=${erpId}`,
    );
    expect(searched.map((c) => c.id)).toContain(someone.id);
    expect(searched.every((c) => c.name.toLowerCase().includes(word))).toBe(true);

    const one = await api.call<StoredCustomer>('GET', `/v1/customers/${someone.id}?mode=store`);
    expect(one.body).toMatchObject({ id: someone.id, name: someone.name });

    expect((await api.call('GET', '/v1/customers?mode=store&sort=password')).status).toBe(400);
    expect((await api.call('GET', '/v1/customers?mode=store&cursor=bm9wZQ')).status).toBe(400);
  });

  it('joins an order to its customer in another system by the configured key', async () => {
    expect((await waitForRun(api, (await startSync(api, erpId, 'order', 'full')).id)).status).toBe('succeeded');
    expect((await waitForRun(api, (await startSync(api, crmId, 'customer', 'full')).id)).status).toBe('succeeded');

    type Order = { customerSourceId: string; customer: StoredCustomer | null; source: { connectionId: string } };
    const sameSystem = await readAll<Order>(api, `/v1/orders?mode=store&limit=50`);
    expect(sameSystem).toHaveLength(120);
    const joinedLocally = sameSystem.filter((order) => order.customer);
    expect(joinedLocally.length).toBeGreaterThan(100);
    expect(joinedLocally.every((o) => o.customer!.source.connectionId === erpId)).toBe(true);
    expect(joinedLocally.every((o) => o.customer!.source.sourceId === o.customerSourceId)).toBe(true);

    const put = await api.call('PUT', '/v1/store/join-keys/order/customer', {
      matchOn: 'email',
      targetConnectionId: crmId,
    });
    expect(put.status).toBe(200);
    const acrossSystems = await readAll<Order>(api, `/v1/orders?mode=store&limit=50`);
    const joined = acrossSystems.filter((order) => order.customer);
    expect(joined.length).toBeGreaterThan(50);
    expect(joined.every((o) => o.customer!.source.connectionId === crmId)).toBe(true);
    const localEmail = new Map(joinedLocally.map((o) => [o.customerSourceId, o.customer!.email]));
    expect(joined.every((o) => o.customer!.email === localEmail.get(o.customerSourceId))).toBe(true);
    expect((await api.call('PUT', '/v1/store/join-keys/order/invoice', { matchOn: 'email' })).status).toBe(400);
    expect((await api.call('DELETE', '/v1/store/join-keys/order/customer')).status).toBe(204);
  });

  it('lets an operator inspect, replay (with a correction) and discard dead letters', async () => {
    type Letter = {
      id: string;
      status: string;
      reason: string;
      raw: Record<string, unknown>;
      sourceId: string;
      recordId: string | null;
    };
    const open = (await api.call<{ data: Letter[] }>('GET', `/v1/dead-letters?connectionId=${erpId}&entity=customer`))
      .body.data;
    expect(open).toHaveLength(2);
    const [first, second] = open;
    expect(open.map((letter) => letter.sourceId).sort()).toEqual(['C000013', 'C000026']);
    const detail = (await api.call<Letter>('GET', `/v1/dead-letters/${first.id}`)).body;
    expect(detail.reason).toMatch(first.sourceId === 'C000013' ? /status/ : /email/);
    expect(detail.raw.CUST_NO).toBe(first.sourceId);

    const unchanged = await api.call<{ outcome: string; deadLetter: Letter }>(
      'POST',
      `/v1/dead-letters/${first.id}/replay`,
      {},
    );
    expect(unchanged.body).toMatchObject({ outcome: 'rejected', deadLetter: { status: 'open' } });

    const corrected = await api.call<{ outcome: string; deadLetter: Letter }>(
      'POST',
      `/v1/dead-letters/${first.id}/replay`,
      {
        raw: { ...detail.raw, STAT_CD: 'A', EMAIL_ADDR: 'fixed@example.com' },
      },
    );
    expect(corrected.body).toMatchObject({ outcome: 'stored', deadLetter: { status: 'replayed' } });
    const record = await api.call<{ email: string; status: string; source: { sourceId: string } }>(
      'GET',
      `/v1/customers/${corrected.body.deadLetter.recordId}?mode=store`,
    );
    expect(record.body).toMatchObject({
      email: 'fixed@example.com',
      status: 'active',
      source: { sourceId: first.sourceId },
    });

    expect((await api.call<Letter>('POST', `/v1/dead-letters/${second.id}/discard`)).body.status).toBe('discarded');
    expect((await api.call('POST', `/v1/dead-letters/${second.id}/discard`)).status).toBe(409);
    expect(
      (await api.call<{ data: Letter[] }>('GET', `/v1/dead-letters?connectionId=${erpId}`)).body.data,
    ).toHaveLength(0);
  });

  it('refuses a second run while one is under way, and stops a cancelled run after the current page', async () => {
    const big = await startLegacySqlite({ customers: 10_000, ordersPerCustomer: 0, linesPerOrder: 0 });
    try {
      const id = await createLegacyConnection(api, 'legacy-big', big.settings);
      const run = await startSync(api, id, 'customer', 'full');
      const second = await api.call<{ code: string }>('POST', `/v1/connections/${id}/syncs`, { entity: 'customer' });
      expect(second).toMatchObject({ status: 409, body: { code: 'conflict' } });
      const cancel = await api.call<SyncRun>('POST', `/v1/syncs/${run.id}/cancel`);
      expect(cancel.status).toBe(200);
      expect(cancel.body.cancelRequested).toBe(true);
      const ended = await waitForRun(api, run.id);
      expect(ended.status).toBe('cancelled');
      expect(ended.progress.pages).toBeLessThan(10_000 / 7);
      expect(ended.progress.pagesNormalized).toBe(ended.progress.pages);
      const stored = await readAll(api, `/v1/customers?mode=store&connectionId=${id}&limit=200`);
      expect(stored).toHaveLength(ended.progress.recordsRead);
      expect((await api.call('POST', `/v1/syncs/${run.id}/cancel`)).status).toBe(409);
    } finally {
      await big.close();
    }
  }, 30_000);

  it('keeps data-quality figures per connection and entity, in the API and in /metrics', async () => {
    const legacy = await startLegacySqlite({ customers: 30, ordersPerCustomer: 0, linesPerOrder: 0 });
    try {
      const db = new Database(legacy.file);
      db.prepare(`UPDATE CUSTMAST SET ${POISON.mapping.column} = ? WHERE CUST_NO = 'C000003'`).run(
        POISON.mapping.value,
      );
      db.prepare(`UPDATE CUSTMAST SET ${POISON.validation.column} = ? WHERE CUST_NO = 'C000009'`).run(
        POISON.validation.value,
      );
      db.prepare(`UPDATE CUSTMAST SET CUST_NM = '          ' WHERE CUST_NO IN ('C000011', 'C000020')`).run();
      // A CHAR-padded twin of C000005: a distinct key in the legacy table, the same trimmed sourceId.
      db.prepare(
        `INSERT INTO CUSTMAST SELECT CUST_NO || ' ', CUST_NM, EMAIL_ADDR, PHONE_NO, STAT_CD, CRLIM_CENTS, CURR_CD, CRT_DT, UPD_TS FROM CUSTMAST WHERE CUST_NO = 'C000005'`,
      ).run();
      db.close();
      const id = await createLegacyConnection(api, 'legacy-quality', legacy.settings);
      const first = await waitForRun(api, (await startSync(api, id, 'customer', 'full')).id);
      expect(first).toMatchObject({ status: 'succeeded', progress: { recordsRead: 31, written: 26, rejected: 4 } });

      type Figures = { data: Record<string, unknown>[] };
      const quality = () => api.call<Figures>('GET', `/v1/pipeline/quality?connectionId=${id}&entity=customer`);
      expect((await quality()).body.data).toEqual([
        {
          connectionId: id,
          entity: 'customer',
          recordsRead: 31,
          written: 26,
          unchanged: 0,
          rejected: 4,
          rejectedRate: 4 / 31,
          duplicates: 1,
          missingRequired: { name: 2 },
          lastRunId: first.id,
          updatedAt: expect.any(String),
        },
      ]);

      const again = await waitForRun(api, (await startSync(api, id, 'customer', 'full')).id);
      expect(again.progress).toMatchObject({ written: 0, unchanged: 26, rejected: 4 });
      expect((await quality()).body.data[0]).toMatchObject({
        recordsRead: 62,
        written: 26,
        unchanged: 26,
        rejected: 8,
        duplicates: 2,
        missingRequired: { name: 4 },
        lastRunId: again.id,
      });
      const everything = await api.call<Figures>('GET', '/v1/pipeline/quality');
      expect(everything.body.data.map((row) => `${row.connectionId}/${row.entity}`)).toEqual(
        expect.arrayContaining([`${id}/customer`, `${erpId}/customer`, `${erpId}/order`]),
      );
      expect((await api.call('GET', '/v1/pipeline/quality?entity=ghost')).status).toBe(400);

      const otherTenant = await hub.mintKey(['entities:read'], 'quality-tenant');
      const foreign = await hub.app.inject({
        method: 'GET',
        url: '/v1/pipeline/quality',
        headers: bearer(otherTenant),
      });
      expect(foreign.json()).toEqual({ data: [] });

      const metrics = (await hub.app.inject({ method: 'GET', url: '/metrics', headers: bearer(hub.adminKey) })).body;
      const series = (name: string, labels: string) =>
        Number(new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, 'm').exec(metrics)?.[1]);
      const of = `tenant="default",connection="${id}",entity="customer"`;
      expect(series('trestle_pipeline_records_total', `${of},outcome="read"`)).toBe(62);
      expect(series('trestle_pipeline_records_total', `${of},outcome="rejected"`)).toBe(8);
      expect(series('trestle_pipeline_records_total', `${of},outcome="unchanged"`)).toBe(26);
      expect(series('trestle_pipeline_duplicates_total', of)).toBe(2);
      expect(series('trestle_pipeline_missing_required_total', `${of},field="name"`)).toBe(4);
      expect(series('trestle_pipeline_rejected_ratio', of)).toBeCloseTo(8 / 62, 6);
    } finally {
      await legacy.close();
    }
  });

  it('answers bad requests and other tenants with problems', async () => {
    expect((await api.call('POST', `/v1/connections/${erpId}/syncs`, { entity: 'invoice' })).status).toBe(400);
    expect(
      (await api.call('POST', `/v1/connections/${erpId}/syncs`, { entity: 'customer', mode: 'sometimes' })).status,
    ).toBe(400);
    const otherTenant = await hub.mintKey(['connections:admin', 'entities:read'], 'other-tenant');
    const foreign = await hub.app.inject({
      method: 'GET',
      url: `/v1/syncs/${firstRun.id}`,
      headers: bearer(otherTenant),
    });
    expect(foreign.statusCode).toBe(404);
    const foreignStart = await hub.app.inject({
      method: 'POST',
      url: `/v1/connections/${erpId}/syncs`,
      headers: bearer(otherTenant),
      payload: { entity: 'customer' },
    });
    expect(foreignStart.statusCode).toBe(404);
    const foreignStore = await hub.app.inject({
      method: 'GET',
      url: '/v1/customers?mode=store',
      headers: bearer(otherTenant),
    });
    expect(foreignStore.json().data).toEqual([]);
  });

  it('runs a scheduled sync on its interval', async () => {
    const bad = await api.call('PUT', `/v1/connections/${crmId}/sync-schedules/customer`, { cron: 'every tuesday' });
    expect(bad.status).toBe(400);
    const put = await api.call('PUT', `/v1/connections/${crmId}/sync-schedules/customer`, {
      everyMs: 1000,
      mode: 'full',
    });
    expect(put.status).toBe(200);
    expect((await api.call<unknown[]>('GET', `/v1/connections/${crmId}/sync-schedules`)).body).toHaveLength(1);
    const deadline = Date.now() + 10_000;
    let scheduled: SyncRun | undefined;
    while (!scheduled && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const runs = (await api.call<{ data: SyncRun[] }>('GET', `/v1/connections/${crmId}/syncs`)).body.data;
      scheduled = runs.find((run) => run.triggeredBy === 'schedule');
    }
    expect(scheduled).toBeDefined();
    expect((await api.call('DELETE', `/v1/connections/${crmId}/sync-schedules/customer`)).status).toBe(204);
    await waitForRun(api, scheduled!.id);
  });
});
