import { DEFAULT_CRM_CLIENT, RestCrm, startRestCrm } from '@trestle/simulators';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, trestle } from './cli-process';

const REST_CRM = join(ROOT, 'adapters', 'rest', 'examples', 'rest-crm.connector.yaml');

jest.setTimeout(60_000);

describe('trestle CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trestle-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('explains every command with --help', async () => {
    const commands = [['--help'], ['new', 'adapter', '--help'], ['validate', '--help'], ['try', '--help']];
    for (const run of await Promise.all(commands.map((command) => trestle(command)))) {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: trestle/);
    }
  });

  it('refuses an invalid adapter name with exit code 2', async () => {
    const run = await trestle(['new', 'adapter', 'Bad_Name', '--dir', join(dir, 'bad')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'Bad_Name' is not a valid kind");
  });

  it('validates a good definition and names each problem of a bad one by its JSON pointer', async () => {
    const good = await trestle(['validate', REST_CRM]);
    expect(good).toMatchObject({ code: 0, stdout: `${REST_CRM}: valid\n` });

    const bad = join(dir, 'bad.connector.yaml');
    writeFileSync(
      bad,
      [
        'name: bad',
        'adapter: rest',
        "version: '1'",
        'entities:',
        '  customer:',
        '    sourceId: id',
        '    operations:',
        '      list: { method: FETCH, path: /api/v2/accounts }',
        '    fields:',
        '      name: { path: name, transforms: [trimm] }',
      ].join('\n'),
    );
    const schema = await trestle(['validate', bad]);
    expect(schema.code).toBe(1);
    expect(schema.stdout).toContain('/entities/customer/fields/name/transforms/0:');

    writeFileSync(bad, (await import('node:fs')).readFileSync(bad, 'utf8').replace('[trimm]', '[trim]'));
    const operations = await trestle(['validate', bad]);
    expect(operations.code).toBe(1);
    expect(operations.stdout).toContain('/entities/customer/operations/list/method:');

    const otherKind = await trestle(['validate', REST_CRM, '--adapter', 'sql']);
    expect(otherKind.code).toBe(1);
    expect(otherKind.stdout).toContain("/adapter: names adapter 'rest' but is checked against 'sql'");
  });

  describe('try', () => {
    let crm: RestCrm;
    beforeAll(async () => {
      crm = await startRestCrm({ rateLimit: false });
    });
    afterAll(() => crm.close());

    it('prints canonical records from a live connection as JSON lines and exits', async () => {
      const credentials = join(dir, 'credentials.json');
      writeFileSync(credentials, JSON.stringify(DEFAULT_CRM_CLIENT));
      const run = await trestle([
        'try',
        REST_CRM,
        '--settings',
        JSON.stringify({ baseUrl: crm.url }),
        '--credentials',
        credentials,
        '--limit',
        '3',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const records = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { name: string; source: { sourceId: string } });
      expect(records).toHaveLength(3);
      for (const record of records) {
        expect(typeof record.name).toBe('string');
        expect(record.source.sourceId).toBeTruthy();
      }
      expect(run.stdout).not.toContain(DEFAULT_CRM_CLIENT.clientSecret);
    });

    it('reports a refused connection as a problem with exit code 1', async () => {
      const run = await trestle([
        'try',
        REST_CRM,
        '--settings',
        JSON.stringify({ baseUrl: crm.url }),
        '--credentials',
        JSON.stringify({ ...DEFAULT_CRM_CLIENT, clientSecret: 'wrong-secret-123' }),
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('reading customers failed');
      expect(run.stderr).not.toContain('wrong-secret-123');
    });
  });
});
