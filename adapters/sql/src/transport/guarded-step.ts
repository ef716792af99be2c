import { raceAbort } from '@trestle/adapter-sdk';
import { abortedError, toAdapterError } from './sql-error';

export interface StepContext {
  dialect: 'postgres' | 'mysql';
  action: 'connect' | 'query';
  secrets: readonly string[];
}

/**
 * One driver step (take a pooled connection, run a statement) raced against the signal: `onAbort`
 * cancels it at its source, and whatever fails becomes one AdapterError.
 */
export async function guardedStep<T>(
  work: Promise<T>,
  signal: AbortSignal,
  context: StepContext,
  onAbort: () => void,
): Promise<T> {
  try {
    return await raceAbort(work, signal, { onAbort });
  } catch (error) {
    throw signal.aborted
      ? abortedError(signal, context.dialect, context.action)
      : toAdapterError(error, context.dialect, context.secrets, context.action);
  }
}

/** For an abandoned connection request: give the connection back to the pool once it arrives. */
export function releaseWhenAcquired(connecting: Promise<{ release(): void }>): () => void {
  return () =>
    void connecting.then(
      (connection) => connection.release(),
      () => undefined,
    );
}
