import { AuditRetention, AuditVerifier, AuditWriter } from '@trestle/audit';
import { trustedTenantId } from '@trestle/auth';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { startTestHub, TestHub } from '../harness/hub';

const run = promisify(execFile);
const DAY = 86_400_000;

describe('audit retention on SQLite', () => {
  let hub: TestHub;
  let archive: string;
  const tenant = trustedTenantId('aging');

  beforeAll(async () => {
    archive = mkdtempSync(join(tmpdir(), 'trestle-audit-archive-'));
    hub = await startTestHub({ AUDIT_RETENTION_DAYS: '30', AUDIT_ARCHIVE_DIR: archive });
  });

  afterAll(async () => {
    await hub.close();
    rmSync(archive, { recursive: true, force: true });
  });

  it('deletes events past retention row by row, archived and signed first; the rest verifies from the cut', async () => {
    const writer = hub.app.get(AuditWriter);
    const record = (action: string, occurredAt?: Date) =>
      writer.record(
        { tenantId: tenant, actor: 'system:test', action, resource: 'r', outcome: 'success', occurredAt },
        {
          durable: true,
        },
      );
    for (let i = 0; i < 3; i += 1) await record(`old.${i}`, new Date(Date.now() - (90 - i) * DAY));
    await record('recent.0');
    await record('recent.1');

    const dropped = await hub.app.get(AuditRetention).sweep();

    expect(dropped).toBe(3);
    const verifier = hub.app.get(AuditVerifier);
    await expect(verifier.verify(tenant)).resolves.toMatchObject({ ok: true, checked: 2, firstSeq: 4, lastSeq: 5 });

    const [part] = readdirSync(archive);
    const file = join(archive, part, 'aging.ndjson');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.slice(0, -1).map((line) => (JSON.parse(line) as { action: string }).action)).toEqual([
      'old.0',
      'old.1',
      'old.2',
    ]);
    const jwks = join(archive, 'jwks.json');
    writeFileSync(jwks, (await hub.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).body);
    const { stdout } = await run(process.execPath, ['scripts/verify-audit-export.mjs', file, jwks]);
    expect(stdout).toMatch(/^OK: 3 events of tenant aging/);

    await hub.app.get(DataSource).query(`DELETE FROM audit_events WHERE tenant_id = ? AND seq = 4`, [tenant]);
    await expect(verifier.verify(tenant)).resolves.toMatchObject({
      ok: false,
      failure: { seq: 4, problem: 'missing' },
    });
  });
});
