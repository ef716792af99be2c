/** What went wrong on the wire, before any SOAP parsing; soap-error-mapper turns it into an AdapterError. */
export type SoapTransportFailureKind =
  'network' | 'truncated' | 'aborted' | 'too_large' | 'doctype' | 'not_soap' | 'http_status' | 'bad_url';

/** A failure of SoapHttpClient; carries only safe facts (no headers, no bodies). */
export class SoapTransportFailure extends Error {
  constructor(
    readonly kind: SoapTransportFailureKind,
    message: string,
    readonly facts: {
      code?: string;
      status?: number;
      retryAfterMs?: number;
      signal?: AbortSignal;
    } = {},
  ) {
    super(message);
    this.name = 'SoapTransportFailure';
  }
}

/** raceAbort's rejection for a SOAP call whose signal aborted (the socket is closed by SoapHttpClient). */
export const abortedCall = {
  reason: (signal: AbortSignal) => new SoapTransportFailure('aborted', 'the call was aborted', { signal }),
};
