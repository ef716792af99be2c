import { ConfigValidationError, loadConfig } from '@trestle/core';

const base = { SQLITE_PATH: ':memory:' };

describe('EVENTS_* configuration', () => {
  it('defaults to dispatching by role, no stream, and bounded retries', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      eventsDispatch: 'auto',
      eventsStreamDriver: 'none',
      eventsMaxAttempts: 10,
      eventsBackoffMs: 1000,
      eventsWebhookTimeoutMs: 10000,
      eventsKafkaBrokers: [],
    });
  });

  it('needs a NATS URL for the nats driver and brokers for the kafka driver, naming the variable', () => {
    expect(() => loadConfig({ ...base, EVENTS_STREAM_DRIVER: 'nats' })).toThrow(/EVENTS_NATS_URL/);
    expect(() => loadConfig({ ...base, EVENTS_STREAM_DRIVER: 'kafka' })).toThrow(/EVENTS_KAFKA_BROKERS/);
    expect(
      loadConfig({ ...base, EVENTS_STREAM_DRIVER: 'kafka', EVENTS_KAFKA_BROKERS: 'k1:9092, k2:9092' })
        .eventsKafkaBrokers,
    ).toEqual(['k1:9092', 'k2:9092']);
    expect(() => loadConfig({ ...base, EVENTS_DISPATCH: 'sometimes' })).toThrow(/EVENTS_DISPATCH/);
  });

  it('never shows a sensitive value in its error', () => {
    const secret = 'http://user:hunter2@nats.example:4222';
    let error: unknown;
    try {
      loadConfig({ ...base, EVENTS_STREAM_DRIVER: 'nats', EVENTS_NATS_URL: secret });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toContain('EVENTS_NATS_URL');
    expect((error as Error).message).not.toContain('hunter2');
  });
});
