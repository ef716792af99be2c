import { ALL_SCOPES, Scope } from '@trestle/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, startTestHub, TestHub } from '../harness/hub';

interface Operation {
  'x-public'?: boolean;
  'x-required-scopes'?: Scope[];
}

const PUBLIC_ROUTES = ['GET /health/live', 'GET /health/ready', 'GET /.well-known/jwks.json'];

const spec = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};
const routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    method: method.toUpperCase() as 'GET',
    path,
    url: path.replace(/\{[^}]+\}/g, 'x'),
    operation,
  })),
);

describe('every route in openapi.json declares and enforces its access policy', () => {
  let hub: TestHub;
  const keyWith = new Map<string, string>();

  beforeAll(async () => {
    hub = await startTestHub();
    for (const scope of ALL_SCOPES) keyWith.set(scope, await hub.mintKey([scope]));
    for (const scope of ALL_SCOPES) {
      const others = ALL_SCOPES.filter((s) => s !== scope && s !== Scope.Admin);
      keyWith.set(`all-but:${scope}`, await hub.mintKey(others));
    }
  });

  afterAll(() => hub.close());

  it('lists exactly the expected public routes', () => {
    const publicRoutes = routes.filter((r) => r.operation['x-public']).map((r) => `${r.method} ${r.path}`);
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_, route) => {
    const inject = (headers: Record<string, string> = {}) =>
      hub.app.inject({
        method: route.method,
        url: route.url,
        headers,
        payload: route.method === 'GET' ? undefined : {},
      });
    if (route.operation['x-public']) {
      expect([401, 403]).not.toContain((await inject()).statusCode);
      return;
    }
    const required = route.operation['x-required-scopes'];
    expect(required).toBeDefined();
    expect((await inject()).statusCode).toBe(401);
    for (const scope of required ?? []) {
      expect((await inject(bearer(keyWith.get(`all-but:${scope}`) ?? ''))).statusCode).toBe(403);
    }
    const holder = keyWith.get((required ?? [])[0]) ?? '';
    expect([401, 403]).not.toContain((await inject(bearer(holder))).statusCode);
  });
});
