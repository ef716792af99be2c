export interface RegisteredRoute {
  method: string;
  url: string;
}

interface RouteHooks {
  addHook(name: 'onRoute', hook: (route: { method: string | string[]; url: string }) => void): unknown;
}

const catalogs = new WeakMap<object, RegisteredRoute[]>();

/** Starts recording every route a Fastify instance registers; call before any route exists. */
export function recordRoutes(fastify: object): void {
  const routes: RegisteredRoute[] = [];
  catalogs.set(fastify, routes);
  (fastify as RouteHooks).addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
}

/** Every method and URL registered on the instance, for contract checks against openapi.json. */
export function registeredRoutes(fastify: object): RegisteredRoute[] {
  return [...(catalogs.get(fastify) ?? [])];
}
