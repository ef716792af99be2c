import type { AdapterDefinition } from './adapter';

const KIND = /^[a-z][a-z0-9-]{1,40}$/;

/**
 * Declares an adapter kind. A plugin package's default export is the value this returns:
 *
 * ```ts
 * export default defineAdapter({
 *   kind: 'as400',
 *   settingsSchema: { type: 'object', required: ['host'], properties: { host: { type: 'string' } } },
 *   async connect(context) { return new As400Connection(context); },
 * });
 * ```
 *
 * `Settings` types `context.settings` inside `connect` only; the value returned is a plain
 * `AdapterDefinition`, so adapters with different settings types sit in one registry (the hub
 * validates settings against `settingsSchema` before it calls `connect`).
 */
export function defineAdapter<Settings = Record<string, unknown>>(
  definition: AdapterDefinition<Settings>,
): Readonly<AdapterDefinition> {
  if (!KIND.test(definition.kind)) {
    throw new TypeError(`Adapter kind '${definition.kind}' must match ${KIND} (lowercase, digits, dashes)`);
  }
  if (typeof definition.connect !== 'function') {
    throw new TypeError(`Adapter '${definition.kind}' must provide connect(context)`);
  }
  if (typeof definition.settingsSchema !== 'object' || definition.settingsSchema === null) {
    throw new TypeError(`Adapter '${definition.kind}' must provide a settingsSchema (JSON Schema object)`);
  }
  return Object.freeze({ ...definition }) as unknown as Readonly<AdapterDefinition>;
}

/** Recognises a value produced by defineAdapter (or an equivalent object from another copy of the SDK). */
export function isAdapterDefinition(value: unknown): value is AdapterDefinition {
  const candidate = value as Partial<AdapterDefinition> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.kind === 'string' &&
    typeof candidate.connect === 'function' &&
    typeof candidate.settingsSchema === 'object'
  );
}
