import { AdapterError, type AdapterLogger, type ConnectorDefinition, type EntityOperation } from '@trestle/adapter-sdk';
import type { SoapOperation } from './soap-operation-spec';
import { toAdapterError } from './transport/soap-error-mapper';
import type { SoapSession } from './transport/soap-session';

/** What every operation of a SOAP connection works with. */
export interface SoapOperationContext {
  session: SoapSession;
  definition: ConnectorDefinition;
  logger: AdapterLogger;
}

export interface CallDeadline {
  signal: AbortSignal;
  /** Clears the timer and the caller listener; call once the call is over. */
  release(): void;
}

/**
 * The caller's signal combined with the per-call time limit. At the limit the signal aborts with
 * a TimeoutError. (AbortSignal.timeout and AbortSignal.any cost more per call on Node 20 than a
 * fast SOAP call itself.)
 */
export function callDeadline(context: SoapOperationContext, signal?: AbortSignal): CallDeadline {
  const { timeoutMs } = context.session.limits;
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(signal?.reason);
  const timer = setTimeout(
    () => controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  timer.unref();
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** The operation spec serving `operation` for `entity`. */
export function operationFor(context: SoapOperationContext, entity: string, operation: EntityOperation): SoapOperation {
  const binding = Object.hasOwn(context.definition.entities, entity) ? context.definition.entities[entity] : undefined;
  if (!binding) {
    throw new AdapterError('unsupported', `the connector definition does not bind entity '${entity.slice(0, 64)}'`, {
      details: { entity: entity.slice(0, 64) },
    });
  }
  const spec = binding.operations[operation] as SoapOperation | undefined;
  if (!spec?.operation) {
    throw new AdapterError('unsupported', `entity '${entity}' has no SOAP '${operation}' operation`, {
      details: { entity, operation },
    });
  }
  return spec;
}

/**
 * Calls one WSDL operation within the time limit (WSDL load included on first use). Any failure
 * is wrapped once into an AdapterError and logged with its code, never with arguments.
 */
export async function callOperation(
  context: SoapOperationContext,
  operation: string,
  args: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<unknown> {
  const { session, logger } = context;
  const deadline = callDeadline(context, signal);
  const started = performance.now();
  try {
    const client = await session.client(deadline.signal);
    const result = await client.invoke(operation, args, deadline.signal);
    logger.debug('soap call', { operation, ms: Math.round(performance.now() - started) });
    return result;
  } catch (error) {
    const wrapped = toAdapterError(error, {
      action: 'call',
      operation,
      secrets: session.secrets,
      timeoutMs: session.limits.timeoutMs,
    });
    logger.warn('soap call failed', {
      operation,
      code: wrapped.code,
      message: wrapped.message,
      ms: Math.round(performance.now() - started),
    });
    throw wrapped;
  } finally {
    deadline.release();
  }
}
