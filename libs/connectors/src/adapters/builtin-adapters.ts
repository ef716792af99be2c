import type { AdapterDefinition } from '@trestle/adapter-sdk';
import { sqlAdapter } from '@trestle/adapter-sql';

/** The adapter kinds shipped with Trestle; plugins add more through ADAPTER_PLUGINS. */
export const SHIPPED_ADAPTERS: AdapterDefinition[] = [sqlAdapter];
