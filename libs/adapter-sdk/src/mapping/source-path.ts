/** Splits a dotted path (`Address.City`, `Lines.Line[]`) into segments; `[]` stays on its segment. */
export function pathSegments(path: string): string[] {
  return path.split('.').filter((segment) => segment.length > 0);
}

const steps = new Map<string, readonly string[]>();

/** The property names a path walks (`[]` markers dropped), split once per distinct path. */
function stepsOf(path: string): readonly string[] {
  let found = steps.get(path);
  if (!found) {
    found = pathSegments(path).map((segment) => segment.replace(/\[\]$/, ''));
    if (steps.size < 10_000) steps.set(path, found);
  }
  return found;
}

/** Reads a dotted path from a nested record; undefined when any step is missing. `[]` markers are ignored. */
export function readPath(record: unknown, path: string): unknown {
  let current: unknown = record;
  for (const segment of stepsOf(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Writes a value at a dotted path, creating plain objects on the way. */
export function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = stepsOf(path);
  let current = target;
  for (let index = 0; index < segments.length - 1; index += 1) {
    const segment = segments[index];
    const next = current[segment];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments[segments.length - 1]] = value;
}
