import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer, startTestHub, TestHub } from '../harness/hub';

describe('hub HTTP edge', () => {
  let hub: TestHub;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    hub = await startTestHub();
    app = hub.app;
  });

  afterAll(() => hub.close());

  it('answers liveness and readiness with the database checked', async () => {
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up', kind: 'sqlite' } } });
  });

  it('turns an unknown route into problem+json with the request id', async () => {
    const response = await app.inject({ method: 'GET', url: '/no/such/route?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({
      type: 'urn:trestle:problem:not_found',
      status: 404,
      code: 'not_found',
      instance: '/no/such/route',
    });
    expect(body.requestId).toBe(response.headers['x-request-id']);
  });

  it('echoes a safe caller request id and replaces an unsafe one', async () => {
    const kept = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'evil\u0007value with spaces' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes request latency histograms by route template and status', async () => {
    await app.inject({ method: 'GET', url: '/health/live' });
    await app.inject({ method: 'GET', url: '/nowhere' });
    const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: bearer(hub.adminKey) });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health\/live",status_code="200"\} [1-9]/,
    );
    expect(metrics.body).toMatch(/http_request_duration_seconds_count\{[^}]*status_code="404"\} [1-9]/);
    expect(metrics.body).toContain('process_cpu_seconds_total');
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const document = await app.inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(document.statusCode).toBe(200);
    expect(document.json().openapi).toBe('3.1.0');
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
