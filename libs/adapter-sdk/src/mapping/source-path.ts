/** Splits a dotted path (`Address.City`, `Lines.Line[]`) into segments; `[]` stays on its segment. */
export function pathSegments(path: string): string[] {
  return path.split('.').filter((segment) => segment.length > 0);
}

/** Paths kept split and stripped of `[]`; definitions name a few hundred at most, callers may name more. */
const MAX_CACHED_PATHS = 10_000;
const stepsOfPath = new Map<string, readonly string[]>();

/** The property names a path walks through (`Lines.Line[]` -> `Lines`, `Line`), split once per path. */
function stepsOf(path: string): readonly string[] {
  let steps = stepsOfPath.get(path);
  if (steps === undefined) {
    steps = pathSegments(path).map((segment) => segment.replace(/\[\]$/, ''));
    if (stepsOfPath.size >= MAX_CACHED_PATHS) stepsOfPath.clear();
    stepsOfPath.set(path, steps);
  }
  return steps;
}

/** Reads a dotted path from a nested record; undefined when any step is missing. `[]` markers are ignored. */
export function readPath(record: unknown, path: string): unknown {
  const steps = stepsOf(path);
  let current: unknown = record;
  for (let index = 0; index < steps.length; index++) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[steps[index]];
  }
  return current;
}

/** Writes a value at a dotted path, creating plain objects on the way. */
export function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const steps = stepsOf(path);
  let current = target;
  for (let index = 0; index < steps.length - 1; index++) {
    const segment = steps[index];
    const next = current[segment];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[steps[steps.length - 1]] = value;
}
