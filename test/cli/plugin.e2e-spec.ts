import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningProcess, runHubProcess } from '../harness/hub-process';
import { ROOT, runCommand, trestle } from './cli-process';

const BIN = join(ROOT, 'node_modules', '.bin');
const TOKEN = 'tok-plugin-e2e-4b7c1d';

interface FakeSystem {
  url: string;
  close(): Promise<void>;
}

jest.setTimeout(30_000);

/**
 * The author's path end to end, offline: scaffold with the CLI, run the generated contract spec,
 * build and pack the package, install the tarball beside a hub, and load it by its npm name.
 */
describe('an adapter plugin from `trestle new adapter` to a running hub', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trestle-plugin-'));
  const modules = join(dir, 'node_modules');
  const pkg = join(dir, 'trestle-adapter-acme');
  let hub: RunningProcess | undefined;
  let system: FakeSystem | undefined;

  beforeAll(async () => {
    // The SDK as a plugin sees it once installed: built JS + .d.ts under node_modules/@trestle/adapter-sdk.
    const sdk = join(modules, '@trestle', 'adapter-sdk');
    const built = await runCommand(join(BIN, 'tsc'), [
      '-p',
      'libs/adapter-sdk/tsconfig.json',
      '--outDir',
      join(sdk, 'dist'),
    ]);
    expect(built.stdout + built.stderr).toBe('');
    cpSync(join(ROOT, 'libs', 'adapter-sdk', 'package.json'), join(sdk, 'package.json'));
    cpSync(join(ROOT, 'libs', 'adapter-sdk', 'schema'), join(sdk, 'schema'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', '@types'), join(modules, '@types'));
  });

  afterAll(async () => {
    await hub?.stop();
    await system?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scaffolds a package whose own contract spec passes', async () => {
    const created = await trestle(['new', 'adapter', 'acme', '--dir', pkg]);
    expect(created.code).toBe(0);
    expect(readdirSync(join(pkg, 'src', 'operations')).sort()).toEqual([
      'check.operation.ts',
      'create.operation.ts',
      'get.operation.ts',
      'list.operation.ts',
      'operation-spec.ts',
      'update.operation.ts',
    ]);
    const spec = await runCommand(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci'], {
      cwd: pkg,
      env: { NODE_PATH: join(ROOT, 'node_modules'), NODE_OPTIONS: '' },
    });
    expect(spec.stderr).toContain('adapter contract: acme adapter against the fake system');
    expect(spec.stderr).toMatch(/Tests:\s+13 passed, 13 total/);
    expect(spec.code).toBe(0);
  });

  it('builds to JS + .d.ts and packs only what a hub needs', async () => {
    const built = await runCommand(join(BIN, 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: pkg });
    expect(built.stdout + built.stderr).toBe('');
    const typed = await runCommand(join(BIN, 'tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: pkg });
    expect(typed.stdout + typed.stderr).toBe('');
    const packed = await runCommand('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: pkg });
    expect(packed.code).toBe(0);
    const installed = join(modules, 'trestle-adapter-acme');
    mkdirSync(installed);
    const unpacked = await runCommand('tar', [
      '-xzf',
      join(dir, 'trestle-adapter-acme-0.1.0.tgz'),
      '-C',
      installed,
      '--strip-components=1',
    ]);
    expect(unpacked.code).toBe(0);
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'dist', 'examples', 'package.json']);
    expect(readdirSync(join(installed, 'dist'))).toEqual(expect.arrayContaining(['index.js', 'index.d.ts']));
  });

  it('is loaded by package name from ADAPTER_PLUGINS and serves canonical customers', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the fake system ships in the generated package
    const fake = require(join(pkg, 'test-fixtures', 'fake-acme-system.ts')) as {
      startFakeAcmeSystem(options: { token: string; customers: number }): Promise<FakeSystem>;
    };
    system = await fake.startFakeAcmeSystem({ token: TOKEN, customers: 12 });
    hub = await runHubProcess({
      SQLITE_PATH: ':memory:',
      SECRETS_KEY: randomBytes(32).toString('base64'),
      PRINT_BOOTSTRAP_KEY: 'true',
      LOG_LEVEL: 'warn',
      ADAPTER_PLUGINS: 'trestle-adapter-acme',
      NODE_PATH: `${modules}:${join(ROOT, 'node_modules')}`,
    });
    const key = /trk_\S+/.exec(hub.output())?.[0];
    expect(key).toBeDefined();
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

    const adapters = (await (await fetch(`${hub.url}/v1/adapters`, { headers })).json()) as { kind: string }[];
    expect(adapters.map((adapter) => adapter.kind)).toEqual(expect.arrayContaining(['acme', 'rest', 'soap', 'sql']));

    const definition = await loadConnectorDefinition(
      join(modules, 'trestle-adapter-acme', 'examples', 'acme.connector.yaml'),
    );
    const created = await fetch(`${hub.url}/v1/connections`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'acme',
        definition,
        settings: { baseUrl: system.url },
        credentials: { token: TOKEN },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const page = await fetch(`${hub.url}/v1/customers?limit=5`, { headers });
    expect(page.status).toBe(200);
    const { data } = (await page.json()) as { data: Record<string, unknown>[] };
    expect(data).toHaveLength(5);
    expect(data[0]).toMatchObject({
      name: 'Customer 1',
      email: 'buyer1@example.com',
      status: 'active',
      updatedAt: '2024-01-01T00:00:00.000Z',
      source: { connectionId: id, sourceId: 'C001' },
    });
  });
});
