import { AdapterError, type AdapterLimits, raceAbort } from '@trestle/adapter-sdk';
import type { SoapSettings } from '../soap-settings';
import { abortedCall } from './soap-transport-failure';
import { SoapClient } from './soap-client';
import { toAdapterError } from './soap-error-mapper';

/**
 * The connection's one SoapClient: the WSDL is fetched and parsed on first use and kept; a failed
 * load is forgotten so the next call tries again. close() releases the client's sockets.
 */
export class SoapSession {
  private pending?: Promise<SoapClient>;
  private closed = false;

  constructor(
    readonly settings: SoapSettings,
    private readonly credentials: Record<string, string>,
    readonly limits: AdapterLimits,
    /** Credential values to keep out of every message. */
    readonly secrets: readonly string[],
  ) {}

  /** The shared client; loading it is bounded by the time limit, waiting for it by `signal` too. */
  client(signal: AbortSignal): Promise<SoapClient> {
    if (this.closed) {
      return Promise.reject(new AdapterError('unreachable', 'the SOAP connection is closed', { retryable: false }));
    }
    if (signal.aborted) return raceAbort(Promise.resolve(undefined as never), signal, abortedCall);
    if (!this.pending) {
      const loading = this.open(AbortSignal.timeout(this.limits.timeoutMs));
      this.pending = loading;
      loading.catch(() => {
        if (this.pending === loading) this.pending = undefined;
      });
    }
    return raceAbort(this.pending, signal, abortedCall);
  }

  /** Loads the WSDL afresh into a client of its own (for health checks); the caller closes it. */
  async open(signal: AbortSignal): Promise<SoapClient> {
    try {
      return await SoapClient.open(this.settings, this.credentials, this.limits, signal);
    } catch (error) {
      throw toAdapterError(error, this.site());
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pending = this.pending;
    this.pending = undefined;
    const client = await pending?.catch(() => undefined);
    client?.close();
  }

  private site() {
    return { action: 'wsdl' as const, secrets: this.secrets, timeoutMs: this.limits.timeoutMs };
  }
}
