import { loadConnectorDefinition } from '@trestle/adapter-sdk';
import { join } from 'node:path';
import { bearer } from './bench-harness';

export const EXAMPLES = join(__dirname, '..', 'adapters');

/** Creates a connection on a bench hub from an example definition and returns its id. */
export async function createConnection(
  hub: { url: string; adminKey: string },
  example: string,
  payload: { settings: Record<string, unknown>; credentials?: Record<string, string>; resilience?: object },
): Promise<string> {
  const definition = await loadConnectorDefinition(join(EXAMPLES, example));
  const response = await fetch(`${hub.url}/v1/connections`, {
    method: 'POST',
    headers: { ...bearer(hub.adminKey), 'content-type': 'application/json' },
    body: JSON.stringify({ name: definition.name, definition, ...payload }),
  });
  if (response.status !== 201) throw new Error(`creating ${example}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Latencies in ms of `count` sequential calls, after `warmup` unmeasured ones. */
export async function sequentialLatencies(count: number, call: () => Promise<unknown>, warmup = 20): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await call();
  const latencies: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await call();
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
