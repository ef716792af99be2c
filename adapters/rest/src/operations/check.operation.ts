import { AdapterError, type CallOptions, type CheckResult } from '@trestle/adapter-sdk';
import type { RestRuntime } from '../rest-runtime';
import { withCallScope } from '../transport/call-scope';

/**
 * Proves the system answers: GET `healthPath` when the settings declare one, else a fresh OAuth2
 * token from the token endpoint, else GET on the base URL where any answer but a refusal, a
 * failure or a rate limit counts as up. Failures throw their AdapterError.
 */
export async function checkConnection(runtime: RestRuntime, options: CallOptions = {}): Promise<CheckResult> {
  const started = performance.now();
  const what = 'check';
  const probe = await withCallScope(runtime.limits.timeoutMs, options.signal, async (scope) => {
    scope.throwIfAborted(what);
    if (runtime.settings.healthPath) {
      const result = await runtime.client.call(
        { method: 'GET', path: runtime.settings.healthPath, format: 'json' },
        scope,
        what,
      );
      return { probe: 'health', status: result.status };
    }
    if (await runtime.authenticator.probe(scope)) return { probe: 'token' };
    try {
      const result = await runtime.client.call({ method: 'GET', path: '/', format: 'json' }, scope, what);
      return { probe: 'base', status: result.status };
    } catch (error) {
      if (
        AdapterError.is(error) &&
        ['not_found', 'rejected', 'invalid_response'].includes(error.code) &&
        error.upstreamStatus
      ) {
        return { probe: 'base', status: error.upstreamStatus };
      }
      throw error;
    }
  });
  return { ok: true, latencyMs: Math.round(performance.now() - started), details: probe };
}
