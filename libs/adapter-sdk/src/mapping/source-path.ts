/** Splits a dotted path (`Address.City`, `Lines.Line[]`) into segments; `[]` stays on its segment. */
export function pathSegments(path: string): string[] {
  return path.split('.').filter((segment) => segment.length > 0);
}

/** Reads a dotted path from a nested record; undefined when any step is missing. `[]` markers are ignored. */
export function readPath(record: unknown, path: string): unknown {
  let current: unknown = record;
  for (const segment of pathSegments(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment.replace(/\[\]$/, '')];
  }
  return current;
}

/** Writes a value at a dotted path, creating plain objects on the way. */
export function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = pathSegments(path).map((segment) => segment.replace(/\[\]$/, ''));
  let current = target;
  for (const segment of segments.slice(0, -1)) {
    const next = current[segment];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments[segments.length - 1]] = value;
}
