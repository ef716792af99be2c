import { AuditVerifier } from '@trestle/audit';
import { trustedTenantId } from '@trestle/auth';
import { Client } from 'pg';
import { startTestHub, TestHub } from '../harness/hub';
import { runHubProcess, RunningProcess } from '../harness/hub-process';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';

const SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

describe('audit durability across a crash (PostgreSQL)', () => {
  let database: TemporaryDatabase;
  let hubProcess: RunningProcess | undefined;
  let hub: TestHub | undefined;

  beforeAll(async () => {
    database = await createTemporaryPostgres();
  });

  afterAll(async () => {
    hubProcess?.child.kill('SIGKILL');
    await hub?.close();
    await database?.drop();
  });

  it('loses no event of a mutating call that was answered before the process was killed', async () => {
    hubProcess = await runHubProcess({
      DATABASE_URL: database.url,
      SECRETS_KEY,
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    const key = /trk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/.exec(hubProcess.output())?.[0] as string;
    expect(key).toBeDefined();
    const url = hubProcess.url;
    const answered: string[] = [];
    let killed = false;
    const caller = async (lane: number) => {
      for (let i = 0; !killed; i += 1) {
        const response = await fetch(`${url}/v1/api-keys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `crash ${lane}.${i}`, scopes: ['entities:read'] }),
        }).catch(() => undefined);
        if (response?.status === 201) answered.push(response.headers.get('x-request-id') as string);
        else if (response) expect(response.status).toBe(201);
      }
    };
    const lanes = Array.from({ length: 8 }, (_, lane) => caller(lane));
    while (answered.length < 150) await new Promise((resolve) => setTimeout(resolve, 10));
    hubProcess.child.kill('SIGKILL');
    killed = true;
    await Promise.all(lanes);
    const answeredBeforeKill = [...answered];

    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ request_id: string }>(
        `SELECT request_id FROM audit_events WHERE tenant_id = 'default' AND action = 'POST /v1/api-keys' AND status = '201'`,
      );
      const recorded = new Set(rows.map((row) => row.request_id));
      expect(answeredBeforeKill.filter((requestId) => !recorded.has(requestId))).toEqual([]);
    } finally {
      await client.end();
    }

    hub = await startTestHub({ DATABASE_URL: database.url, SECRETS_KEY });
    await expect(hub.app.get(AuditVerifier).verify(trustedTenantId('default'))).resolves.toMatchObject({ ok: true });
  }, 60_000);
});
