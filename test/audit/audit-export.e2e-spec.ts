import { trustedTenantId } from '@trestle/auth';
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { request } from 'undici';
import { AuditEventRepository } from '@trestle/audit';
import { bearer, startTestHub, TestHub } from '../harness/hub';

const run = promisify(execFile);
const verifyExport = (file: string, jwks: string) =>
  run(process.execPath, ['scripts/verify-audit-export.mjs', file, jwks]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
  );

describe('audit export', () => {
  let hub: TestHub;
  let url: string;
  let dir: string;
  const tenant = trustedTenantId('exporter');
  let exporterKey: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trestle-export-'));
    hub = await startTestHub({ SQLITE_PATH: join(dir, 'hub.sqlite') });
    await hub.app.listen(0, '127.0.0.1');
    url = await hub.app.getUrl();
    exporterKey = await hub.mintKey(['audit:export' as never], tenant);
    const events = hub.app.get(AuditEventRepository);
    const batch = 5000;
    for (let start = 0; start < 100_000; start += batch) {
      await events.append(
        Array.from({ length: batch }, (_, i) => ({
          tenantId: tenant,
          occurredAt: new Date(Date.UTC(2026, 0, 1) + (start + i) * 1000).toISOString(),
          actor: 'system:load',
          action: start + i === 7 ? '=HYPERLINK("http://evil","click")' : 'load.event',
          resource: `r/${start + i}`,
          connectionId: null,
          requestId: null,
          outcome: 'success' as const,
          status: '200',
          durationMs: 1,
          requestHash: null,
          responseHash: null,
          details: '{"n":1}',
          bodies: null,
        })),
      );
    }
    writeFileSync(
      join(dir, 'jwks.json'),
      JSON.stringify((await request(`${url}/.well-known/jwks.json`).then((r) => r.body.json())) as object),
    );
  }, 120_000);

  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function download(format: 'ndjson' | 'csv', file: string): Promise<number> {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const response = await request(`${url}/v1/audit/export?format=${format}`, { headers: bearer(exporterKey) });
    expect(response.statusCode).toBe(200);
    await pipeline(response.body, createWriteStream(file));
    clearInterval(sampler);
    return peak - baseline;
  }

  it('streams 100k events as NDJSON with bounded memory, signed so anyone can verify it offline', async () => {
    const file = join(dir, 'audit.ndjson');
    const growth = await download('ndjson', file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(100_001);
    expect(JSON.parse(lines[0])).toMatchObject({ seq: 1, tenantId: 'exporter' });
    expect(JSON.parse(lines[99_999])).toMatchObject({ seq: 100_000, resource: 'r/99999' });
    expect(lines[lines.length - 1]).toMatch(/^\{"signature":"[\w-]+\.[\w-]+\.[\w-]+"\}$/);
    expect(growth).toBeLessThan(150 * 1024 * 1024);

    const verified = await verifyExport(file, join(dir, 'jwks.json'));
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toMatch(/OK: 1000\d\d events/);

    const tampered = readFileSync(file);
    tampered[500] = tampered[500] === 0x31 ? 0x32 : 0x31;
    writeFileSync(join(dir, 'tampered.ndjson'), tampered);
    expect(await verifyExport(join(dir, 'tampered.ndjson'), join(dir, 'jwks.json'))).toMatchObject({ code: 1 });
  }, 120_000);

  it('exports CSV that spreadsheets cannot execute, verifiable against the live JWKS URL', async () => {
    const file = join(dir, 'audit.csv');
    await download('csv', file);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(await verifyExport(file, `${url}/.well-known/jwks.json`)).toMatchObject({ code: 0 });
  }, 120_000);

  it('refuses callers without audit:export', async () => {
    const reader = await hub.mintKey(['audit:read' as never], tenant);
    const response = await request(`${url}/v1/audit/export`, { headers: bearer(reader) });
    expect(response.statusCode).toBe(403);
    await response.body.dump();
  });
});
