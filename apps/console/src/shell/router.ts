export const BASE = '/console';

export interface Route<T> {
  pattern: string;
  target: T;
}

export interface Match<T> {
  target: T;
  params: Record<string, string>;
}

/** Matches a console path (`/console/connections/abc`) against patterns such as `connections/:id`. */
export function matchRoute<T>(routes: Route<T>[], pathname: string): Match<T> | undefined {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.pattern.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((segment, index) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[index]);
        return true;
      }
      return segment === parts[index];
    });
    if (fits) return { target: route.target, params };
  }
  return undefined;
}

export function consolePath(path: string): string {
  return `${BASE}/${path.replace(/^\//, '')}`;
}
