import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeInOrder, loadConfig } from '@trestle/core';
import { spawn } from 'node:child_process';
import { request } from 'undici';
import { createHubApp } from '../../apps/hub/src/create-hub-app';
import { runHubProcess } from '../harness/hub-process';

// Each test starts a real process from source; on a busy two-core machine that alone can take 10 s.
jest.setTimeout(60_000);

describe('graceful shutdown', () => {
  it('lets an in-flight request finish and refuses new connections while closing', async () => {
    const app: NestFastifyApplication = await createHubApp(
      loadConfig({ SQLITE_PATH: ':memory:', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PRINT_BOOTSTRAP_KEY: 'false' }),
    );
    let release: () => void = () => undefined;
    app
      .getHttpAdapter()
      .getInstance()
      .get('/__slow', async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return { finished: true };
      });
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();

    const inFlight = request(`${url}/__slow`).then(async (response) => ({
      status: response.statusCode,
      body: await response.body.json(),
    }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    let closed = false;
    const closing = closeInOrder(app).then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));

    await expect(request(`${url}/health/live`, { reset: true })).rejects.toThrow();
    expect(closed).toBe(false);
    release();
    await expect(inFlight).resolves.toEqual({ status: 200, body: { finished: true } });
    await closing;
    expect(closed).toBe(true);
  });

  it('exits 0 on SIGTERM after closing everything', async () => {
    const hub = await runHubProcess({ SQLITE_PATH: ':memory:' });
    expect((await request(`${hub.url}/health/ready`)).statusCode).toBe(200);
    const exit = await hub.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(exit.output).toContain('Shutdown complete');
  });

  it('refuses to boot on an invalid variable and names it', async () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/hub/src/main.ts'], {
      env: { ...process.env, PORT: 'not-a-port', SQLITE_PATH: ':memory:' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toMatch(/PORT: .*"not-a-port"/);
  });
});
