import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { AdapterError, type AdapterLimits } from '@trestle/adapter-sdk';
import axios, { type AxiosInstance } from 'axios';
import type { CallScope } from './call-scope';
import { transportError } from './error-mapper';
import type { HttpRequest, HttpResponse } from './http-exchange';

const MAX_SAME_ORIGIN_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Sends HTTP requests with axios under the connection's limits: the call's signal (caller abort and
 * whole-call timeout) aborts the socket, bodies are buffered only up to `maxResponseBytes`, and
 * redirects are followed only to the same origin (and for GET/HEAD unless 307/308). Every status
 * comes back as a response; only failures below HTTP throw, already as AdapterError.
 */
export class HttpTransport {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32 });
  private readonly client: AxiosInstance;

  constructor(private readonly limits: AdapterLimits) {
    this.client = axios.create({
      responseType: 'arraybuffer',
      transformRequest: [],
      transformResponse: [],
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: limits.maxResponseBytes,
      maxBodyLength: Infinity,
      decompress: true,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
    });
  }

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
      const response = await this.client.request<Buffer>({
        method: request.method,
        url: request.url,
        params: request.query,
        headers: request.headers,
        data: request.body,
        signal: scope.signal,
      });
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        headers[name.toLowerCase()] = Array.isArray(value)
          ? value.join(', ')
          : value == null
            ? undefined
            : String(value);
      }
      return {
        status: response.status,
        headers,
        body: Buffer.isBuffer(response.data) ? response.data : Buffer.alloc(0),
      };
    } catch (error) {
      throw transportError(error, scope, what, this.limits.maxResponseBytes);
    }
  }
}
