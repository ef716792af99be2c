import { AuditVerifier, AuditWriter } from '@trestle/audit';
import { trustedTenantId } from '@trestle/auth';
import { randomBytes } from 'node:crypto';
import { startTestHub, TestHub } from '../harness/hub';
import { createTemporaryPostgres, TemporaryDatabase } from '../harness/temporary-postgres';

describe('audit verification on PostgreSQL while writers append', () => {
  let database: TemporaryDatabase;
  let hub: TestHub;
  const tenant = trustedTenantId('busy-tenant');

  beforeAll(async () => {
    database = await createTemporaryPostgres('trestle_audit_verify');
    hub = await startTestHub({ DATABASE_URL: database.url, SECRETS_KEY: randomBytes(32).toString('base64') });
  });

  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  const append = (writer: AuditWriter, n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        writer.record(
          { tenantId: tenant, actor: 'test', action: 'test.append', resource: `r/${i}`, outcome: 'success' },
          { durable: true },
        ),
      ),
    );

  it('verifies the chain up to the head it started from although events keep arriving', async () => {
    const writer = hub.app.get(AuditWriter);
    await append(writer, 6000);
    let verifying = true;
    let appendedDuring = 0;
    const keepWriting = (async () => {
      while (verifying) {
        await append(writer, 5);
        appendedDuring += 5;
      }
    })();
    const result = await hub.app
      .get(AuditVerifier)
      .verify(tenant)
      .finally(() => (verifying = false));
    await keepWriting;

    expect(appendedDuring).toBeGreaterThan(0);
    expect(result).toMatchObject({ ok: true, firstSeq: 1 });
    expect(result.failure).toBeUndefined();
    expect(result.checked).toBeGreaterThanOrEqual(6000);
    expect(result.checked).toBeLessThan(6000 + appendedDuring);
    expect(await hub.app.get(AuditVerifier).verify(tenant)).toMatchObject({ ok: true, checked: 6000 + appendedDuring });
  }, 60_000);
});
