import { SoapTransportFailure } from './soap-transport-failure';

/**
 * Settles with `work`, or rejects with an `aborted` SoapTransportFailure as soon as the signal
 * aborts (the socket itself is closed by SoapHttpClient, which watches the same signal).
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const aborted = () => new SoapTransportFailure('aborted', 'the call was aborted', { signal });
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(aborted());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(aborted());
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
