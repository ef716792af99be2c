import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { registeredRoutes } from '../../apps/hub/src/route-catalog';
import { startTestHub, TestHub } from '../harness/hub';

const SPEC_FILE = join(__dirname, '..', '..', 'openapi', 'openapi.json');
const NOT_IN_SPEC = /^\/(docs|graphql|console)(\/|$|-)/;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const normalize = (path: string) => path.replace(/\{[^}]+\}/g, ':param').replace(/:[A-Za-z]+/g, ':param');

describe('openapi/openapi.json and the running hub agree', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  afterAll(() => hub.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/validate-openapi.mjs', SPEC_FILE]);
    expect(stdout).toContain('valid OpenAPI 3.1');
  });

  it('documents every route the hub serves, and serves every documented route', () => {
    const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(spec.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${normalize(path)}`),
      ),
    );
    const served = new Set(
      registeredRoutes(hub.app.getHttpAdapter().getInstance())
        .filter((route) => METHODS.includes(route.method) && !NOT_IN_SPEC.test(route.url))
        .map((route) => `${route.method} ${normalize(route.url)}`),
    );
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
    expect(served.size).toBeGreaterThan(20);
  });
});
