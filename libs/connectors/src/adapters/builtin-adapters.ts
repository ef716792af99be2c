import type { AdapterDefinition } from '@trestle/adapter-sdk';
import { restAdapter } from '@trestle/adapter-rest';
import { soapAdapter } from '@trestle/adapter-soap';
import { sqlAdapter } from '@trestle/adapter-sql';

/** The adapter kinds shipped with Trestle; plugins add more through ADAPTER_PLUGINS. */
export const SHIPPED_ADAPTERS: AdapterDefinition[] = [soapAdapter, sqlAdapter, restAdapter];
