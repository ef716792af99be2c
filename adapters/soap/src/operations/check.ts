import type { CallOptions, CheckResult } from '@trestle/adapter-sdk';
import { callDeadline, type SoapOperationContext } from '../soap-operation-context';
import { toAdapterError } from '../transport/soap-error-mapper';

/**
 * Fetches and parses the WSDL afresh (imports included) and, when the settings name a `ping`
 * operation, calls it. Reports the bound service, port and operation count; throws AdapterError
 * when the WSDL or the endpoint cannot be used.
 */
export async function checkService(context: SoapOperationContext, options: CallOptions = {}): Promise<CheckResult> {
  const { session } = context;
  const deadline = callDeadline(context, options.signal);
  const { signal } = deadline;
  const started = performance.now();
  const client = await session.open(signal).catch((error: unknown) => {
    deadline.release();
    throw error;
  });
  try {
    const ping = session.settings.ping;
    if (ping) {
      await client.invoke(ping.operation, { ...ping.input }, signal).catch((error: unknown) => {
        throw toAdapterError(error, {
          action: 'check',
          operation: ping.operation,
          secrets: session.secrets,
          timeoutMs: session.limits.timeoutMs,
        });
      });
    }
    const { service, port, operations } = client.binding;
    return {
      ok: true,
      latencyMs: Math.round(performance.now() - started),
      details: {
        service,
        port,
        operations: operations.length,
        soapVersion: session.settings.soapVersion ?? '1.1',
        ...(ping ? { ping: ping.operation } : {}),
      },
    };
  } finally {
    client.close();
    deadline.release();
  }
}
