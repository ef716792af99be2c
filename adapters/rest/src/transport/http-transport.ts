import { Agent as HttpAgent, type IncomingMessage, request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AdapterError, type AdapterLimits } from '@trestle/adapter-sdk';
import type { CallScope } from './call-scope';
import { ResponseCutOffError, ResponseTooLargeError, transportError } from './error-mapper';
import type { HttpRequest, HttpResponse } from './http-exchange';

const MAX_SAME_ORIGIN_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Sends HTTP requests with node:http over keep-alive agents under the connection's limits: the
 * call's signal (caller abort and whole-call timeout) aborts the socket, bodies are buffered (and
 * decompressed) only up to `maxResponseBytes`, and redirects are followed only to the same origin
 * (and for GET/HEAD unless 307/308). Every status comes back as a response; only failures below
 * HTTP throw, already as AdapterError.
 */
export class HttpTransport {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32 });

  constructor(private readonly limits: AdapterLimits) {}

  async send(request: HttpRequest, scope: CallScope, what: string): Promise<HttpResponse> {
    let current = request;
    for (let hop = 0; ; hop++) {
      const response = await this.sendOnce(current, scope, what);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || !location) return response;
      const target = new URL(location, current.url);
      const keepsMethod = response.status === 307 || response.status === 308;
      const elsewhere = target.origin !== new URL(current.url).origin;
      if (elsewhere || hop >= MAX_SAME_ORIGIN_REDIRECTS) {
        const why = elsewhere
          ? 'redirected to another host'
          : `redirected more than ${MAX_SAME_ORIGIN_REDIRECTS} times`;
        throw new AdapterError('invalid_response', `${what}: ${why} (${response.status}), not followed`, {
          retryable: false,
          upstreamStatus: response.status,
          details: { redirectHost: target.host },
        });
      }
      if (!keepsMethod && current.method !== 'GET') return response;
      const query = Object.fromEntries(target.searchParams);
      target.search = '';
      current = { ...current, url: target.toString(), query };
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async sendOnce(request: HttpRequest, scope: CallScope, what: string): Promise<HttpResponse> {
    scope.throwIfAborted(what);
    try {
      return await this.exchange(request, scope.signal);
    } catch (error) {
      throw transportError(error, scope, what, this.limits.maxResponseBytes);
    }
  }

  private exchange(request: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = { 'accept-encoding': ACCEPT_ENCODING, ...request.headers };
    if (body) headers['content-length'] = String(body.length);
    const options: RequestOptions = {
      method: request.method,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || undefined,
      path: `${url.pathname}${queryString(request.query)}`,
      headers,
      agent: secure ? this.httpsAgent : this.httpAgent,
      signal,
    };
    if (url.username || url.password) {
      options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    }
    return new Promise<HttpResponse>((resolve, reject) => {
      const outgoing = (secure ? httpsRequest : httpRequest)(options, (response) => {
        readBody(response, this.limits.maxResponseBytes).then(
          (content) => resolve({ status: response.statusCode ?? 0, headers: headersOf(response), body: content }),
          reject,
        );
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/** The whole body, decoded from its Content-Encoding, refused as soon as it passes `maxBytes`. */
function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const decoder = decoderFor(response.headers['content-encoding']);
  const source: Readable = decoder ? response.pipe(decoder) : response;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      response.destroy();
      decoder?.destroy();
      reject(error);
    };
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(new ResponseTooLargeError());
      chunks.push(chunk);
    });
    source.on('end', () => {
      if (settled) return;
      if (!response.complete) return fail(new ResponseCutOffError());
      settled = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    source.on('error', (error: NodeJS.ErrnoException) => fail(new ResponseCutOffError(error.code)));
    response.on('error', (error: NodeJS.ErrnoException) => fail(new ResponseCutOffError(error.code)));
    response.on('close', () => {
      if (!response.complete) fail(new ResponseCutOffError());
    });
  });
}

function decoderFor(encoding: string | undefined) {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function headersOf(response: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** `?a=1&b=x` with the encoding legacy servers have long been sent (`:`, `$`, `,`, `[` and `]` kept, space as `+`). */
function queryString(query: HttpRequest['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    parts.push(`${encodeQueryPart(name)}=${encodeQueryPart(String(value))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function encodeQueryPart(value: string): string {
  return encodeURIComponent(value)
    .replace(/%3A/gi, ':')
    .replace(/%24/g, '$')
    .replace(/%2C/gi, ',')
    .replace(/%20/g, '+')
    .replace(/%5B/gi, '[')
    .replace(/%5D/gi, ']');
}
