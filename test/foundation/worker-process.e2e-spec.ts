import { runHubProcess } from '../harness/hub-process';

// Each test starts a real process from source; on a busy two-core machine that alone can take 10 s.
jest.setTimeout(60_000);

describe('worker process', () => {
  it('starts, reports its database ready, and exits 0 on SIGTERM', async () => {
    const worker = await runHubProcess({ SQLITE_PATH: ':memory:' }, 'apps/worker/src/main.ts', 'WORKER_PORT');
    const ready = await fetch(`${worker.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ details: { database: { status: 'up' } } });
    const exit = await worker.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(exit.output).toContain('Shutdown complete');
  });
});
