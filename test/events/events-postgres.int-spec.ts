import { seedLegacySql } from '@trestle/simulators';
import { connect, NatsConnection } from 'nats';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startTestHub, TestHub } from '../harness/hub';
import { runHubProcess, RunningProcess } from '../harness/hub-process';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';
import {
  createLegacyConnection,
  HubCaller,
  injectedCaller,
  startSync,
  waitForRun,
} from '../pipeline/pipeline-fixtures';
import { ReceivedCall, startWebhookConsumer, WebhookConsumer } from './webhook-consumer';

const CUSTOMERS = 150;
const CHANGED = ['C000005', 'C000050', 'C000077', 'C000120', 'C000149'];
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

interface StreamedEvent {
  subject: string;
  body: string;
  event: { id: string; subject: string; sequence: string; type: string };
}

/** First arrival of every event id, in arrival order (at least once: a crash may repeat one). */
function firstArrivals(calls: ReceivedCall[]): ReceivedCall[] {
  const seen = new Set<string>();
  return calls.filter((call) => !seen.has(call.event.id) && seen.add(call.event.id));
}

describe('change events on PostgreSQL: two dispatching workers, a crash, signed webhooks and NATS JetStream', () => {
  const token = randomBytes(5).toString('hex');
  const stream = `TRESTLE_TEST_${token.toUpperCase()}`;
  const subjectPrefix = `trestle_test_${token}`;
  const secretsKey = randomBytes(32).toString('base64');
  let store: TemporaryDatabase;
  let legacy: TemporaryDatabase;
  let hub: TestHub;
  let api: HubCaller;
  let nats: NatsConnection;
  let consumer: WebhookConsumer;
  const workers = new Set<RunningProcess>();

  const env = () => ({
    DATABASE_URL: store.url,
    SECRETS_KEY: secretsKey,
    EVENTS_STREAM_DRIVER: 'nats',
    EVENTS_NATS_URL: NATS_URL,
    EVENTS_NATS_STREAM: stream,
    EVENTS_STREAM_SUBJECT_PREFIX: subjectPrefix,
    EVENTS_POLL_MS: '50',
    EVENTS_WEBHOOK_TIMEOUT_MS: '1000',
    EVENTS_SUBSCRIPTION_CONCURRENCY: '4',
  });

  const startWorker = async () => {
    const worker = await runHubProcess(
      { ...env(), EVENTS_DISPATCH: 'on', LOG_LEVEL: 'info' },
      'apps/worker/src/main.ts',
      'WORKER_PORT',
    );
    workers.add(worker);
    return worker;
  };

  const legacyUpdate = async (round: number) => {
    const client = new Client({ connectionString: legacy.url });
    await client.connect();
    try {
      await client.query('UPDATE "CUSTMAST" SET "CUST_NM" = $1 || "CUST_NO" WHERE "CUST_NO" = ANY($2)', [
        `Round ${round} `,
        CHANGED,
      ]);
    } finally {
      await client.end();
    }
  };

  /** What a JetStream consumer reading the stream from its start receives (an ordered consumer). */
  const consumeStream = async (expected: number): Promise<StreamedEvent[]> => {
    const reader = await nats.jetstream().consumers.get(stream);
    const messages: StreamedEvent[] = [];
    const deadline = Date.now() + 30_000;
    while (messages.length < expected && Date.now() < deadline) {
      const batch = await reader.fetch({ max_messages: expected - messages.length, expires: 2000 });
      for await (const message of batch) {
        const body = message.string();
        expect(message.headers?.get('content-type')).toBe('application/cloudevents+json; charset=utf-8');
        messages.push({ subject: message.subject, body, event: JSON.parse(body) });
      }
    }
    return messages;
  };

  beforeAll(async () => {
    [store, legacy] = await Promise.all([
      createTemporaryPostgres('trestle_events'),
      createTemporaryPostgres('trestle_events_legacy'),
    ]);
    await seedLegacySql('postgres', legacy.url, { customers: CUSTOMERS, ordersPerCustomer: 0, linesPerOrder: 0 });
    nats = await connect({ servers: NATS_URL });
    hub = await startTestHub({ ...env(), EVENTS_DISPATCH: 'off', SYNC_PAGE_SIZE: '10' });
    api = injectedCaller(hub);
    consumer = await startWebhookConsumer(() => new Promise((resolve) => setTimeout(() => resolve(204), 25)));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([...workers].map((worker) => worker.stop('SIGKILL')));
    await consumer?.close();
    await hub?.close();
    const jsm = await nats?.jetstreamManager();
    await jsm?.streams.delete(stream).catch(() => undefined);
    await nats?.close();
    await Promise.all([store?.drop(), legacy?.drop()]);
  }, 30_000);

  it('delivers every change once per record order to a webhook and the same events to NATS, across a worker crash', async () => {
    const connectionId = await createLegacyConnection(
      api,
      'legacy-pg',
      { dialect: 'postgres', host: '127.0.0.1', port: 5432, database: legacy.name, user: 'postgres', poolSize: 2 },
      { password: 'unused' },
    );
    const webhook = await api.call<{ id: string; secret: string }>('POST', '/v1/events/subscriptions', {
      name: 'webhook',
      kind: 'webhook',
      url: consumer.url,
      entities: ['customer'],
    });
    expect(webhook.status).toBe(201);
    consumer.secret = webhook.body.secret;
    const toStream = await api.call('POST', '/v1/events/subscriptions', { name: 'stream', kind: 'stream' });
    expect(toStream.status).toBe(201);

    const first = await startWorker();
    await startWorker();
    expect((await waitForRun(api, (await startSync(api, connectionId, 'customer')).id, 60_000)).status).toBe(
      'succeeded',
    );
    await consumer.waitFor((c) => c.accepted().length >= 40, 30_000);
    const killed = await first.stop('SIGKILL');
    expect(killed.output).toContain('Dispatching change events (stream: nats)');
    await startWorker();

    for (const round of [1, 2]) {
      await legacyUpdate(round);
      const run = await waitForRun(api, (await startSync(api, connectionId, 'customer')).id, 60_000);
      expect(run.progress).toMatchObject({ written: CHANGED.length });
    }
    const expected = CUSTOMERS + 2 * CHANGED.length;
    await consumer.waitFor((c) => new Set(c.accepted().map((call) => call.event.id)).size >= expected, 60_000);

    const calls = firstArrivals(consumer.accepted());
    expect(calls).toHaveLength(expected);
    expect(consumer.accepted().length - calls.length).toBeLessThanOrEqual(4 * 2);
    expect(consumer.calls.every((call) => call.verified)).toBe(true);
    const byRecord = new Map<string, ReceivedCall[]>();
    for (const call of calls) byRecord.set(call.event.subject, [...(byRecord.get(call.event.subject) ?? []), call]);
    expect(byRecord.size).toBe(CUSTOMERS);
    for (const [, events] of byRecord) {
      const sequences = events.map((call) => call.event.sequence);
      expect(sequences).toEqual([...sequences].sort());
      expect(events.map((call) => (call.event.data as { version: number }).version)).toEqual(
        events.map((_, index) => index + 1),
      );
    }
    const renamed = calls.filter((call) => call.event.type === 'trestle.customer.updated');
    expect(renamed.filter((call) => call.body.includes('"name":"Round 2 C000050"'))).toHaveLength(1);

    const published = await consumeStream(expected);
    expect(published).toHaveLength(expected);
    const info = await (await nats.jetstreamManager()).streams.info(stream);
    expect(info.state.messages).toBe(expected);
    const bodies = new Map(calls.map((call) => [call.event.id, call.body]));
    for (const message of published) {
      expect(message.body).toBe(bodies.get(message.event.id));
      expect(message.subject).toBe(`${subjectPrefix}.default.${message.event.type.replace(/^trestle\./, '')}`);
    }
    const streamOrder = new Map<string, string[]>();
    for (const message of published) {
      streamOrder.set(message.event.subject, [
        ...(streamOrder.get(message.event.subject) ?? []),
        message.event.sequence,
      ]);
    }
    for (const [, sequences] of streamOrder) expect(sequences).toEqual([...sequences].sort());
  }, 180_000);
});
