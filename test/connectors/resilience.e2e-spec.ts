import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { DEFAULT_CRM_CLIENT, RestCrm, startRestCrm } from '@trestle/simulators';
import { join } from 'node:path';
import { FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { bearer, startTestHub, TestHub } from '../harness/hub';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('resilience of a connection to a misbehaving legacy system', () => {
  let crm: RestCrm;
  let proxy: FaultProxy;
  let hub: TestHub;
  let flaky: string;
  let healthy: string;

  const connect = async (name: string, baseUrl: string) => {
    const definition = await loadConnectorDefinition(
      join(__dirname, '..', '..', 'adapters', 'rest', 'examples', 'rest-crm.connector.yaml'),
    );
    const response = await hub.app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: bearer(hub.adminKey),
      payload: {
        name,
        definition,
        settings: { baseUrl },
        credentials: { ...DEFAULT_CRM_CLIENT },
        resilience: { timeoutMs: 300, retries: 0, breakerThreshold: 2, breakerHalfOpenAfterMs: 800 },
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };

  const customers = (connectionId: string) =>
    hub.app.inject({
      method: 'GET',
      url: `/v1/connections/${connectionId}/customers?limit=2`,
      headers: bearer(hub.adminKey),
    });

  beforeAll(async () => {
    crm = await startRestCrm({ rateLimit: false });
    proxy = await startFaultProxy({ upstream: crm.url });
    hub = await startTestHub();
    flaky = await connect('flaky', proxy.url);
    healthy = await connect('healthy', crm.url);
  });

  afterAll(async () => {
    await hub.close();
    await proxy.close();
    await crm.close();
  });

  it('times out, opens the breaker, fails fast while open, spares other connections, and closes again', async () => {
    expect((await customers(flaky)).statusCode).toBe(200);

    proxy.setMode({ kind: 'black-hole' });
    for (let i = 0; i < 2; i += 1) {
      const started = Date.now();
      const response = await customers(flaky);
      expect(response.statusCode).toBe(504);
      expect(response.json().code).toBe('upstream_timeout');
      expect(Date.now() - started).toBeLessThan(1500);
    }

    const started = Date.now();
    const rejected = await customers(flaky);
    expect(rejected.statusCode).toBe(503);
    expect(rejected.json().code).toBe('circuit_open');
    expect(Number(rejected.headers['retry-after'])).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(100);

    const ready = (await hub.app.inject({ method: 'GET', url: '/health/ready' })).json();
    expect(ready.details.connections.openBreakers).toContain(flaky);
    const metrics = (await hub.app.inject({ method: 'GET', url: '/metrics', headers: bearer(hub.adminKey) })).body;
    expect(metrics).toContain(`trestle_connector_breaker_state{connection="${flaky}"} 2`);

    expect((await customers(healthy)).statusCode).toBe(200);

    proxy.setMode({ kind: 'pass' });
    await sleep(900);
    expect((await customers(flaky)).statusCode).toBe(200);
    const after = (
      await hub.app.inject({ method: 'GET', url: `/v1/connections/${flaky}`, headers: bearer(hub.adminKey) })
    ).json();
    expect(after.breaker).toBe('closed');
  }, 30_000);

  it('reports a failing system through the connection test without failing the call', async () => {
    proxy.setMode({ kind: 'reset' });
    const response = await hub.app.inject({
      method: 'POST',
      url: `/v1/connections/${flaky}/test`,
      headers: bearer(hub.adminKey),
    });
    proxy.setMode({ kind: 'pass' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: false, error: { code: expect.stringMatching(/unreachable|circuit/) } });
  });
});
