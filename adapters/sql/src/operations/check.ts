import type { CallOptions, CheckResult } from '@trestle/adapter-sdk';
import { callSignal, type SqlOperationContext } from '../sql-operation-context';

/** Runs SELECT 1 and reports the round trip and the server version. Throws AdapterError when the database cannot be reached. */
export async function checkDatabase(context: SqlOperationContext, options: CallOptions = {}): Promise<CheckResult> {
  const signal = callSignal(context, options.signal);
  const started = performance.now();
  await context.driver.query('SELECT 1 AS ok', [], signal);
  const latencyMs = Math.round(performance.now() - started);
  return { ok: true, latencyMs, details: await context.driver.describe(signal) };
}
