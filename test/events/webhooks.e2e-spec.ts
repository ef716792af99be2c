import { trustedTenantId } from '@trestle/auth';
import { ChangeOutbox } from '@trestle/events';
import { LegacySqlite, startLegacySqlite } from '@trestle/simulators';
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { bearer, startTestHub, TestHub } from '../harness/hub';
import {
  createLegacyConnection,
  HubCaller,
  injectedCaller,
  startSync,
  waitForRun,
} from '../pipeline/pipeline-fixtures';
import { startWebhookConsumer, WebhookConsumer } from './webhook-consumer';

const CUSTOMERS = 20;

interface Subscription {
  id: string;
  secret: string | null;
  deliveries: { pending: number; delivered: number; dead: number };
}

interface Delivery {
  id: string;
  eventId: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
}

describe('change events to signed webhooks (embedded hub, SQLite)', () => {
  let hub: TestHub;
  let api: HubCaller;
  let erp: LegacySqlite;
  let erpId: string;
  const consumers: WebhookConsumer[] = [];

  const callerWith = (key: string): HubCaller => injectedCaller(hub, key);

  const consumer = async (...args: Parameters<typeof startWebhookConsumer>) => {
    const started = await startWebhookConsumer(...args);
    consumers.push(started);
    return started;
  };

  const subscribe = async (target: WebhookConsumer, name: string, extra: object = {}, caller = api) => {
    const created = await caller.call<Subscription>('POST', '/v1/events/subscriptions', {
      name,
      kind: 'webhook',
      url: target.url,
      ...extra,
    });
    expect(created.status).toBe(201);
    target.secret = created.body.secret ?? undefined;
    return created.body;
  };

  const deliveries = async (subscriptionId: string, status?: string) =>
    (
      await api.call<{ data: Delivery[] }>(
        'GET',
        `/v1/events/subscriptions/${subscriptionId}/deliveries${status ? `?status=${status}` : ''}`,
      )
    ).body.data;

  const sync = async () => waitForRun(api, (await startSync(api, erpId, 'customer', 'full')).id);

  beforeAll(async () => {
    hub = await startTestHub({
      SYNC_PAGE_SIZE: '7',
      EVENTS_POLL_MS: '20',
      EVENTS_BACKOFF_MS: '30',
      EVENTS_MAX_ATTEMPTS: '3',
      EVENTS_WEBHOOK_TIMEOUT_MS: '800',
      EVENTS_SUBSCRIPTION_CONCURRENCY: '3',
    });
    api = callerWith(hub.adminKey);
    erp = await startLegacySqlite({ customers: CUSTOMERS, ordersPerCustomer: 0, linesPerOrder: 0 });
    erpId = await createLegacyConnection(api, 'legacy-erp', erp.settings);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.close()));
    await hub?.close();
    await erp?.close();
  });

  it('delivers every change of a sync, signed, in order per record; shows the secret once and stores it sealed', async () => {
    const target = await consumer();
    const subscription = await subscribe(target, 'all-changes');
    expect(subscription.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await api.call<Record<string, unknown>>('GET', `/v1/events/subscriptions/${subscription.id}`);
    expect(listed.body).not.toHaveProperty('secret');
    expect(JSON.stringify(listed.body)).not.toContain(subscription.secret);
    const [row] = await hub.app
      .get(DataSource)
      .query('SELECT secret_sealed FROM event_subscriptions WHERE id = ?', [subscription.id]);
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(row.secret_sealed).not.toContain(subscription.secret!.slice(6));

    expect((await sync()).status).toBe('succeeded');
    await target.waitFor((c) => c.accepted().length >= CUSTOMERS);

    const legacy = new Database(erp.file);
    legacy.prepare("UPDATE CUSTMAST SET CUST_NM = 'Renamed One' WHERE CUST_NO = ?").run('C000003');
    legacy.prepare("UPDATE CUSTMAST SET STAT_CD = 'B' WHERE CUST_NO = ?").run('C000007');
    legacy.close();
    const again = await sync();
    expect(again.progress).toMatchObject({ written: 2, unchanged: CUSTOMERS - 2 });
    await target.waitFor((c) => c.accepted().length >= CUSTOMERS + 2);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const calls = target.accepted();
    expect(calls).toHaveLength(CUSTOMERS + 2);
    expect(calls.every((call) => call.verified)).toBe(true);
    expect(calls.every((call) => call.headers['content-type'] === 'application/cloudevents+json; charset=utf-8')).toBe(
      true,
    );
    expect(new Set(calls.map((call) => call.event.id)).size).toBe(calls.length);
    const created = calls.filter((call) => call.event.type === 'trestle.customer.created');
    const updated = calls.filter((call) => call.event.type === 'trestle.customer.updated');
    expect(created).toHaveLength(CUSTOMERS);
    expect(
      updated
        .map((call) => (call.event.data as { record: { source: { sourceId: string } } }).record.source.sourceId)
        .sort(),
    ).toEqual(['C000003', 'C000007']);
    const renamed = updated.find((call) => call.body.includes('Renamed One'))!;
    expect(renamed.event).toMatchObject({
      specversion: '1.0',
      source: `/tenants/default/connections/${erpId}`,
      tenant: 'default',
      entity: 'customer',
      connectionid: erpId,
      datacontenttype: 'application/json',
    });
    expect(renamed.event.data).toMatchObject({
      kind: 'updated',
      entity: 'customer',
      version: 2,
      record: { name: 'Renamed One', source: { connectionId: erpId, sourceId: 'C000003' } },
    });
    const stored = await api.call<{ id: string; name: string }>(
      'GET',
      `/v1/customers/${renamed.event.subject}?mode=store`,
    );
    expect(stored.body.name).toBe('Renamed One');
    for (const call of updated) {
      const first = created.find((c) => c.event.subject === call.event.subject)!;
      expect(calls.indexOf(first)).toBeLessThan(calls.indexOf(call));
      expect(first.event.sequence < call.event.sequence).toBe(true);
      expect(call.event.partitionkey).toBe(call.event.subject);
    }
    const counts = (await api.call<Subscription>('GET', `/v1/events/subscriptions/${subscription.id}`)).body.deliveries;
    expect(counts).toEqual({ pending: 0, delivered: CUSTOMERS + 2, dead: 0 });
    const paged: { id: string; sequence: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string; sequence: string }[]; cursor: string | null } } = await api.call(
        'GET',
        `/v1/events/subscriptions/${subscription.id}/deliveries?status=delivered&limit=9${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...page.body.data);
      cursor = page.body.cursor;
    } while (cursor);
    expect(new Set(paged.map((d) => d.id)).size).toBe(CUSTOMERS + 2);
    expect(paged.map((d) => d.sequence)).toEqual(
      calls
        .map((call) => call.event.sequence)
        .sort()
        .reverse(),
    );
  }, 60_000);

  it('emits one event for a write through the unified API, with the record the system answered', async () => {
    const target = await consumer();
    await subscribe(target, 'writes', { entities: ['customer'], connectionIds: [erpId] });
    const createdCall = await api.call<{ id: string }>('POST', `/v1/connections/${erpId}/customers?sourceId=C900001`, {
      name: 'Written Through GmbH',
      email: 'ops@written.example',
      status: 'active',
      creditLimit: { amount: '5000.00', currency: 'EUR' },
      createdAt: '2026-01-05',
      updatedAt: '2026-01-05T10:00:00Z',
    });
    expect(createdCall.status).toBe(201);
    await target.waitFor((c) => c.accepted().length >= 1);
    const patched = await api.call('PATCH', `/v1/customers/${createdCall.body.id}`, { name: 'Written Again GmbH' });
    expect(patched.status).toBe(200);
    await target.waitFor((c) => c.accepted().length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const calls = target.accepted();
    expect(calls.map((call) => [call.event.type, call.event.subject])).toEqual([
      ['trestle.customer.created', createdCall.body.id],
      ['trestle.customer.updated', createdCall.body.id],
    ]);
    expect(calls.every((call) => call.verified)).toBe(true);
    expect(calls[0].event.data).toEqual({
      kind: 'created',
      entity: 'customer',
      version: null,
      record: expect.objectContaining({
        id: createdCall.body.id,
        name: 'Written Through GmbH',
        source: expect.objectContaining({ connectionId: erpId, sourceId: 'C900001' }),
      }),
    });
  });

  it('retries with backoff, then keeps a dead letter, lists it and replays it', async () => {
    let healthy = false;
    const target = await consumer(() => (healthy ? 200 : 503));
    const subscription = await subscribe(target, 'flaky', { types: ['trestle.alert.*'] });
    const outbox = hub.app.get(ChangeOutbox);
    const eventId = await outbox.emit(trustedTenantId('default'), 'trestle.alert.model_drift', 'models/order-anomaly', {
      psi: 0.31,
    });
    await target.waitFor((c) => c.calls.length >= 3);
    let dead: Delivery[] = [];
    for (let i = 0; i < 100 && dead.length === 0; i++) {
      dead = await deliveries(subscription.id, 'dead');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(dead).toEqual([
      expect.objectContaining({ eventId, status: 'dead', attempts: 3, lastStatus: 503, lastError: 'answered 503' }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(target.calls).toHaveLength(3);
    expect(target.calls.map((call) => call.headers['x-trestle-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(target.calls.map((call) => call.body)).size).toBe(1);

    healthy = true;
    const replayed = await api.call<Delivery>(
      'POST',
      `/v1/events/subscriptions/${subscription.id}/deliveries/${dead[0].id}/replay`,
    );
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ status: 'pending', attempts: 0 });
    await target.waitFor((c) => c.accepted().length === 1);
    expect(target.accepted()[0].event).toMatchObject({
      id: eventId,
      type: 'trestle.alert.model_drift',
      subject: 'models/order-anomaly',
      source: '/tenants/default',
      data: { psi: 0.31 },
    });
    expect(target.accepted()[0].verified).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await deliveries(subscription.id, 'dead')).toEqual([]);
    const again = await api.call('POST', `/v1/events/subscriptions/${subscription.id}/deliveries/${dead[0].id}/replay`);
    expect(again.status).toBe(409);
    const metrics = await hub.app.inject({ method: 'GET', url: '/metrics', headers: bearer(hub.adminKey) });
    expect(metrics.body).toMatch(/trestle_event_delivery_tries_total\{kind="webhook",outcome="dead"\} [1-9]/);
    expect(metrics.body).toMatch(/trestle_event_delivery_tries_total\{kind="webhook",outcome="retry"\} [1-9]/);
  });

  it('does not let a slow consumer hold up another subscription, and never follows a redirect to another host', async () => {
    const slow = await consumer(() => new Promise((resolve) => setTimeout(() => resolve(204), 2000)));
    const fast = await consumer();
    const elsewhere = await consumer();
    const redirector = createServer((_, response) => response.writeHead(307, { location: elsewhere.url }).end()).listen(
      0,
      '127.0.0.1',
    );
    await new Promise((resolve) => redirector.once('listening', resolve));
    try {
      await subscribe(slow, 'slow', { types: ['trestle.alert.*'] });
      await subscribe(fast, 'fast', { types: ['trestle.alert.*'] });
      const redirected = await subscribe(
        { url: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook` } as WebhookConsumer,
        'redirected',
        { types: ['trestle.alert.*'] },
      );
      const outbox = hub.app.get(ChangeOutbox);
      const started = Date.now();
      for (let i = 0; i < 6; i++) {
        await outbox.emit(trustedTenantId('default'), 'trestle.alert.queue_depth', `queues/q${i}`, { depth: i });
      }
      await fast.waitFor((c) => c.accepted().length === 6, 5000);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(slow.accepted().length).toBeLessThan(6);
      let letters: Delivery[] = [];
      for (let i = 0; i < 100 && letters.length < 6; i++) {
        letters = await deliveries(redirected.id, 'dead');
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      expect(letters).toHaveLength(6);
      expect(letters[0]).toMatchObject({ lastStatus: 307, lastError: expect.stringContaining('not followed') });
      expect(elsewhere.calls).toHaveLength(0);
    } finally {
      redirector.close();
    }
  }, 30_000);

  it('keeps subscriptions apart per tenant', async () => {
    const otherKey = await hub.mintKey(['events:admin', 'entities:read', 'connections:admin'], 'other-tenant');
    const other = callerWith(otherKey);
    const mine = await api.call<{ id: string }[]>('GET', '/v1/events/subscriptions');
    expect(mine.body.length).toBeGreaterThan(0);
    expect((await other.call<unknown[]>('GET', '/v1/events/subscriptions')).body).toEqual([]);
    const someone = mine.body[0].id;
    expect((await other.call('GET', `/v1/events/subscriptions/${someone}`)).status).toBe(404);
    expect((await other.call('PATCH', `/v1/events/subscriptions/${someone}`, { enabled: false })).status).toBe(404);
    expect((await other.call('DELETE', `/v1/events/subscriptions/${someone}`)).status).toBe(404);
    expect((await other.call('GET', `/v1/events/subscriptions/${someone}/deliveries`)).status).toBe(404);

    const theirs = await consumer();
    await subscribe(theirs, 'everything', {}, other);
    const ours = await consumer();
    await subscribe(ours, 'everything-here');
    const outbox = hub.app.get(ChangeOutbox);
    await outbox.emit(trustedTenantId('default'), 'trestle.alert.for_default', 'a/default', {});
    await outbox.emit(trustedTenantId('other-tenant'), 'trestle.alert.for_other', 'a/other', {});
    await Promise.all([theirs.waitFor((c) => c.accepted().length >= 1), ours.waitFor((c) => c.accepted().length >= 1)]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(theirs.accepted().map((call) => call.event.type)).toEqual(['trestle.alert.for_other']);
    expect(ours.accepted().map((call) => call.event.type)).toEqual(['trestle.alert.for_default']);
    const log = await other.call<{ data: { type: string; tenant: string }[] }>('GET', '/v1/events');
    expect(log.body.data.map((event) => event.tenant)).toEqual(['other-tenant']);
  });

  it('refuses a stream subscription when no stream is configured, and records subscription changes in the audit trail', async () => {
    const refused = await api.call<{ code: string }>('POST', '/v1/events/subscriptions', {
      name: 'nats',
      kind: 'stream',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation_failed');
    const noUrl = await api.call('POST', '/v1/events/subscriptions', { name: 'no-url', kind: 'webhook' });
    expect(noUrl.status).toBe(400);
    const audit = await api.call<{ data: { action: string; status: string }[] }>(
      'GET',
      '/v1/audit/events?action=POST%20%2Fv1%2Fevents%2Fsubscriptions&limit=50',
    );
    expect(audit.body.data.filter((event) => Number(event.status) === 201).length).toBeGreaterThanOrEqual(5);
  });

  it('manages subscriptions and dead letters over GraphQL too, behind the same scope', async () => {
    const graphql = async (query: string, variables: Record<string, unknown>, key = hub.adminKey) => {
      const response = await hub.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: bearer(key),
        payload: { query, variables },
      });
      return response.json() as { data?: Record<string, never>; errors?: { extensions?: { code?: string } }[] };
    };
    const target = await consumer();
    const created = await graphql(
      'mutation ($input: CreateEventSubscriptionInput!) { createEventSubscription(input: $input) { id name kind url secret entities deliveries { pending dead } } }',
      { input: { name: 'over-graphql', kind: 'webhook', url: target.url, types: ['trestle.alert.*'] } },
    );
    const subscription = created.data!.createEventSubscription as { id: string; secret: string; name: string };
    expect(subscription).toMatchObject({ name: 'over-graphql', kind: 'webhook', url: target.url, entities: [] });
    expect(subscription.secret).toMatch(/^whsec_/);
    target.secret = subscription.secret;
    const invalid = await graphql(
      'mutation ($input: CreateEventSubscriptionInput!) { createEventSubscription(input: $input) { id } }',
      { input: { name: 'Bad Name', kind: 'webhook', url: target.url } },
    );
    expect(invalid.errors?.[0].extensions?.code).toBe('validation_failed');
    const readOnly = await hub.mintKey(['entities:read']);
    const refused = await graphql('query { eventSubscriptions { id } }', {}, readOnly);
    expect(refused.errors?.[0].extensions?.code).toBe('forbidden');

    await graphql('mutation ($id: String!) { setEventSubscriptionEnabled(id: $id, enabled: false) { enabled } }', {
      id: subscription.id,
    });
    await hub.app.get(ChangeOutbox).emit(trustedTenantId('default'), 'trestle.alert.paused', 'a/paused', {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(target.calls).toHaveLength(0);
    await graphql('mutation ($id: String!) { setEventSubscriptionEnabled(id: $id, enabled: true) { enabled } }', {
      id: subscription.id,
    });
    await hub.app.get(ChangeOutbox).emit(trustedTenantId('default'), 'trestle.alert.resumed', 'a/resumed', {});
    await target.waitFor((c) => c.accepted().length === 1);
    expect(target.accepted()[0]).toMatchObject({ verified: true, event: { type: 'trestle.alert.resumed' } });
    const page = await graphql(
      'query ($id: String!) { eventDeliveries(subscriptionId: $id, status: "delivered") { data { status attempts } cursor } }',
      { id: subscription.id },
    );
    expect(page.errors).toBeUndefined();
    expect(page.data!.eventDeliveries).toEqual({ data: [{ status: 'delivered', attempts: 1 }], cursor: null });
    const listed = await graphql('query { eventSubscriptions { name } }', {});
    expect((listed.data!.eventSubscriptions as { name: string }[]).map((s) => s.name)).toContain('over-graphql');
    expect(
      (await graphql('mutation ($id: String!) { deleteEventSubscription(id: $id) }', { id: subscription.id })).data,
    ).toEqual({ deleteEventSubscription: true });
  });
});
