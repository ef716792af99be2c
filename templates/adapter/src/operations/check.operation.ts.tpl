import type { CallOptions, CheckResult } from '@trestle/adapter-sdk';
import type { __Kind__Client } from '../transport/__kind__-client';

/** A cheap authenticated call proving the system answers and accepts the credentials. */
export async function check(client: __Kind__Client, options: CallOptions = {}): Promise<CheckResult> {
  const started = performance.now();
  await client.request('/ping', { signal: options.signal });
  return { ok: true, latencyMs: Math.round(performance.now() - started) };
}
