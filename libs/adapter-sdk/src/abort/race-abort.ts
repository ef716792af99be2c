/** How raceAbort gives up on the work. */
export interface RaceAbortOptions {
  /** Called once when the signal wins, to cancel the work at its source (close a socket, kill a query). */
  onAbort?: () => void;
  /** The rejection when the signal wins; `signal.reason` when not given. */
  reason?: (signal: AbortSignal) => unknown;
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts. `work` itself keeps running to its
 * own end (its late failure is swallowed): cancel it at the source through `onAbort`.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal, options: RaceAbortOptions = {}): Promise<T> {
  const giveUp = (): unknown => {
    work.catch(() => undefined);
    options.onAbort?.();
    return options.reason ? options.reason(signal) : signal.reason;
  };
  if (signal.aborted) return Promise.reject(giveUp());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(giveUp());
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
