import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AdapterDefinition, isAdapterDefinition } from '@trestle/adapter-sdk';
import { AppConfig, ProblemException } from '@trestle/core';

export const BUILTIN_ADAPTERS = Symbol('BUILTIN_ADAPTERS');

/**
 * The adapter kinds this process can speak: the built-in ones the app composes in, plus plugins
 * loaded by npm package name from ADAPTER_PLUGINS (default export made with defineAdapter()).
 */
@Injectable()
export class AdapterRegistry implements OnModuleInit {
  private readonly logger = new Logger(AdapterRegistry.name);
  private readonly kinds = new Map<string, AdapterDefinition>();

  constructor(
    @Inject(BUILTIN_ADAPTERS) private readonly builtins: AdapterDefinition[],
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const adapter of this.builtins) this.register(adapter, 'built-in');
    for (const name of this.config.adapterPlugins) this.register(loadPlugin(name), name);
  }

  get(kind: string): AdapterDefinition {
    const adapter = this.kinds.get(kind);
    if (!adapter) throw ProblemException.validation([{ field: 'adapter', message: `unknown adapter kind '${kind}'` }]);
    return adapter;
  }

  all(): AdapterDefinition[] {
    return [...this.kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }

  private register(adapter: AdapterDefinition, origin: string): void {
    if (this.kinds.has(adapter.kind))
      throw new Error(`Adapter kind '${adapter.kind}' from ${origin} is already registered`);
    this.kinds.set(adapter.kind, adapter);
    this.logger.log(`Adapter '${adapter.kind}' registered (${origin})`);
  }
}

function loadPlugin(name: string): AdapterDefinition {
  let loaded: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- plugins are named in config at run time
    loaded = require(name);
  } catch (error) {
    throw new Error(
      `ADAPTER_PLUGINS: cannot load '${name}': ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const candidate = (loaded as { default?: unknown }).default ?? loaded;
  if (!isAdapterDefinition(candidate)) {
    throw new Error(`ADAPTER_PLUGINS: '${name}' does not export an adapter made with defineAdapter()`);
  }
  return candidate;
}
