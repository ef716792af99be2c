import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { IHttpClient, IHeaders } from 'soap';
import { SoapTransportFailure } from './soap-transport-failure';

/** What node-soap reads from a response. */
export interface SoapHttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  data: string;
}

export interface SoapHttpClientOptions {
  /** Cap on a response body (after any decoding); larger bodies are cut off, never buffered whole. */
  maxResponseBytes: number;
  /** Used when a request carries no signal of its own. */
  timeoutMs: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** Per-request options node-soap passes through (`exoptions`). */
export interface SoapRequestOptions {
  signal?: AbortSignal;
}

const DTD = /<!DOCTYPE|<!ENTITY/i;
const ENVELOPE = /<([A-Za-z_][\w.-]*:)?Envelope[\s>/]/;
const HEAD_BYTES = 4096;
const REFUSED_STATUS = new Set([401, 403, 407, 429, 502, 503, 504]);

/**
 * node-soap's HTTP client, on node:http, with the limits node-soap lacks: every request ends when
 * its signal aborts (the socket is destroyed, so a slow drip is cut at the deadline), bodies over
 * `maxResponseBytes` are refused as they stream in, and a body declaring a DTD (XXE, entity
 * expansion) is refused before any XML parser sees it. SOAP responses must be an envelope; a WSDL
 * or XSD fetch must answer 200.
 */
export class SoapHttpClient implements IHttpClient {
  private readonly agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  private closed = false;

  constructor(private readonly options: SoapHttpClientOptions) {}

  request(
    url: string,
    data: unknown,
    callback: (error: unknown, response?: SoapHttpResponse, body?: string) => void,
    headers?: IHeaders,
    options?: SoapRequestOptions,
  ): never {
    const done = this.send(url, typeof data === 'string' ? data : undefined, headers ?? {}, options?.signal).then(
      (response) => callback(null, response, response.data),
      (error: unknown) => callback(error),
    );
    return done as never;
  }

  /** Sends one request: GET without a body (WSDL, XSD), POST with one (a SOAP call). */
  async send(
    url: string,
    body: string | undefined,
    headers: IHeaders,
    signal?: AbortSignal,
  ): Promise<SoapHttpResponse> {
    const response = await this.exchange(url, body, headers, signal ?? AbortSignal.timeout(this.options.timeoutMs));
    const what = body === undefined ? `fetching ${safeUrl(url)}` : 'the SOAP endpoint';
    const envelope = body === undefined || ENVELOPE.test(response.data.slice(0, HEAD_BYTES * 4));
    if ((body === undefined && response.status !== 200) || (!envelope && response.status >= 300)) {
      throw statusFailure(response, what);
    }
    if (!envelope) {
      throw new SoapTransportFailure('not_soap', `${what} answered ${response.status} without a SOAP envelope`, {
        status: response.status,
      });
    }
    if (DTD.test(response.data)) {
      throw new SoapTransportFailure(
        'doctype',
        `${what} answered with a DTD (<!DOCTYPE or <!ENTITY), which is refused`,
        {
          status: response.status,
        },
      );
    }
    if (REFUSED_STATUS.has(response.status)) throw statusFailure(response, what);
    return response;
  }

  /** Releases pooled sockets; later requests fail. */
  close(): void {
    this.closed = true;
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private exchange(
    url: string,
    body: string | undefined,
    extra: IHeaders,
    signal: AbortSignal,
  ): Promise<SoapHttpResponse> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.reject(new SoapTransportFailure('bad_url', 'the URL is not valid'));
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      return Promise.reject(new SoapTransportFailure('bad_url', `unsupported URL scheme '${target.protocol}'`));
    }
    if (this.closed) return Promise.reject(new SoapTransportFailure('network', 'the connection is closed'));
    if (signal.aborted) return Promise.reject(abortFailure(signal));
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    const headers: Record<string, string | number> = {
      'User-Agent': 'trestle-soap',
      Accept: 'text/xml, application/soap+xml, application/xml;q=0.9, */*;q=0.1',
      'Accept-Encoding': 'identity',
      ...this.options.headers,
      ...extra,
      ...(payload ? { 'Content-Length': payload.length } : {}),
    };
    const max = this.options.maxResponseBytes;
    return new Promise((resolve, reject) => {
      let settled = false;
      let response: IncomingMessage | undefined;
      const finish = (error: SoapTransportFailure | undefined, value?: SoapHttpResponse) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        if (error) {
          request.destroy();
          reject(error);
        } else resolve(value!);
      };
      const onAbort = () => finish(abortFailure(signal));
      const agent = target.protocol === 'https:' ? this.agents.https : this.agents.http;
      const request = (target.protocol === 'https:' ? https : http).request(target, {
        method: payload ? 'POST' : 'GET',
        headers,
        agent,
      });
      signal.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (response) finish(truncated());
        else finish(new SoapTransportFailure('network', networkMessage(error), { code: error.code }));
      });
      request.on('response', (incoming) => {
        response = incoming;
        const declared = Number(incoming.headers['content-length']);
        if (Number.isFinite(declared) && declared > max) return finish(tooLarge(max));
        const encoding = (incoming.headers['content-encoding'] ?? 'identity').toLowerCase();
        if (encoding !== 'identity') {
          return finish(
            new SoapTransportFailure('not_soap', `unsupported Content-Encoding '${encoding.slice(0, 32)}'`),
          );
        }
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > max) return finish(tooLarge(max));
          chunks.push(chunk);
        });
        incoming.on('error', () => finish(truncated()));
        incoming.on('close', () => {
          if (!incoming.complete) finish(truncated());
        });
        incoming.on('end', () => {
          if (settled) return;
          const text = decode(Buffer.concat(chunks, size), incoming.headers['content-type']);
          finish(undefined, { status: incoming.statusCode ?? 0, headers: incoming.headers, data: text });
        });
      });
      request.end(payload);
    });
  }
}

function decode(body: Buffer, contentType: string | undefined): string {
  const charset = /charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return body.toString('utf8');
  }
}

function statusFailure(response: SoapHttpResponse, what: string): SoapTransportFailure {
  const retryAfter = Number(response.headers['retry-after']);
  return new SoapTransportFailure('http_status', `${what} answered HTTP ${response.status}`, {
    status: response.status,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
  });
}

function abortFailure(signal: AbortSignal): SoapTransportFailure {
  return new SoapTransportFailure('aborted', 'the request was aborted', { signal });
}

function tooLarge(max: number): SoapTransportFailure {
  return new SoapTransportFailure('too_large', `the response is larger than ${max} bytes`);
}

function truncated(): SoapTransportFailure {
  return new SoapTransportFailure('truncated', 'the connection closed before the response was complete');
}

function networkMessage(error: NodeJS.ErrnoException): string {
  return error.code ? `network error ${error.code}` : 'network error';
}

/** A URL without user info, query or fragment, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
