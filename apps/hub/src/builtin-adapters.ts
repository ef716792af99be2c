import type { AdapterDefinition } from '@trestle/adapter-sdk';

/** The adapter kinds shipped with Trestle; plugins add more through ADAPTER_PLUGINS. */
export const BUILTIN_ADAPTERS: AdapterDefinition[] = [];
