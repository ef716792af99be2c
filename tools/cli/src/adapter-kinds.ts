import { isAdapterDefinition, type AdapterDefinition } from '@trestle/adapter-sdk';
import { restAdapter } from '@trestle/adapter-rest';
import { soapAdapter } from '@trestle/adapter-soap';
import { sqlAdapter } from '@trestle/adapter-sql';
import Module from 'node:module';
import { join } from 'node:path';

/**
 * Plugin package names from `--plugin` (comma-separated, repeatable through ADAPTER_PLUGINS too).
 * Packages installed in the current folder resolve as they would beside a hub.
 */
export function pluginNames(option: string | undefined): string[] {
  const names = [option, process.env.ADAPTER_PLUGINS]
    .flatMap((value) => (value ?? '').split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length > 0) addNodePath(join(process.cwd(), 'node_modules'));
  return [...new Set(names)];
}

/** The shipped adapter kinds plus the named plugins, by kind. */
export function adapterKinds(plugins: readonly string[]): Map<string, AdapterDefinition> {
  const kinds = new Map<string, AdapterDefinition>();
  for (const adapter of [soapAdapter, sqlAdapter, restAdapter]) kinds.set(adapter.kind, adapter);
  for (const name of plugins) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- plugins are named at run time, as in the hub
    const loaded = require(name) as { default?: unknown };
    const candidate = loaded.default ?? loaded;
    if (!isAdapterDefinition(candidate))
      throw new Error(`'${name}' does not export an adapter made with defineAdapter()`);
    kinds.set(candidate.kind, candidate);
  }
  return kinds;
}

function addNodePath(folder: string): void {
  const paths = (process.env.NODE_PATH ?? '').split(':').filter(Boolean);
  if (paths.includes(folder)) return;
  process.env.NODE_PATH = [...paths, folder].join(':');
  (Module as unknown as { _initPaths(): void })._initPaths();
}
