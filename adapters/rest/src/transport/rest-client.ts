import { AdapterError, type AdapterLogger } from '@trestle/adapter-sdk';
import type { BodyFormat, HttpMethod } from '../rest-operation-spec';
import { DEFAULT_MAX_RETRY_AFTER_MS, type RestSettings } from '../rest-settings';
import type { CallScope } from './call-scope';
import { statusError } from './error-mapper';
import type { HttpRequest } from './http-exchange';
import type { HttpTransport } from './http-transport';
import type { RequestAuthenticator } from './request-authenticator';
import { parseRetryAfter } from './retry-after';
import { decodeBody, UnreadableBodyError } from './response-body';
import type { SecretScrubber } from './secret-scrubber';
import { writeXml } from './xml-codec';

/** One request of an operation, path already filled in. */
export interface RestCall {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean>;
  /** Value sent as the request body, serialised in `format`. */
  body?: unknown;
  format: BodyFormat;
  xmlRoot?: string;
}

/** A successful (2xx) answer, its body parsed. */
export interface RestResult {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

const CONTENT_TYPES: Record<BodyFormat, string> = { json: 'application/json', xml: 'application/xml' };

/**
 * Runs one operation request end to end: authorizes it, re-authorizes once after a 401 (fresh
 * OAuth2 token), waits out one 429 whose Retry-After fits `maxRetryAfterMs` and the call's time
 * left, parses a 2xx body and turns anything else into its AdapterError. It never retries on its
 * own otherwise: retries belong to the connection's resilience policy.
 */
export class RestClient {
  private readonly baseUrl: string;
  private readonly defaultHeaders: Record<string, string>;
  private readonly maxRetryAfterMs: number;

  constructor(
    settings: RestSettings,
    private readonly transport: HttpTransport,
    private readonly authenticator: RequestAuthenticator,
    private readonly scrubber: SecretScrubber,
    private readonly logger: AdapterLogger,
  ) {
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
    this.defaultHeaders = Object.fromEntries(
      Object.entries(settings.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    this.maxRetryAfterMs = settings.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  }

  async call(call: RestCall, scope: CallScope, what: string): Promise<RestResult> {
    const request = this.toRequest(call, what);
    let reauthorized = false;
    let waitedOut = false;
    for (;;) {
      const authorized = await this.authenticator.authorize(request, scope);
      const started = performance.now();
      const response = await this.transport.send(authorized, scope, what);
      this.logger.debug('REST call', {
        method: call.method,
        path: call.path,
        status: response.status,
        durationMs: Math.round(performance.now() - started),
      });
      if (response.status === 401 && !reauthorized && this.authenticator.refused(authorized)) {
        reauthorized = true;
        continue;
      }
      if (response.status === 429 && !waitedOut) {
        const waitMs = parseRetryAfter(response.headers['retry-after']);
        if (waitMs !== undefined && waitMs <= this.maxRetryAfterMs && waitMs < scope.remainingMs) {
          this.logger.warn('REST call rate limited; waiting as asked', { path: call.path, retryAfterMs: waitMs });
          await scope.sleep(waitMs, what);
          waitedOut = true;
          continue;
        }
      }
      if (response.status < 200 || response.status > 299) throw statusError(response, what, this.scrubber);
      try {
        return {
          status: response.status,
          headers: response.headers,
          body: decodeBody(response.body, response.headers['content-type'], call.format),
        };
      } catch (error) {
        if (!(error instanceof UnreadableBodyError)) throw error;
        throw new AdapterError('invalid_response', `${what}: ${this.scrubber.scrub(error.message)}`, {
          retryable: false,
          upstreamStatus: response.status,
        });
      }
    }
  }

  private toRequest(call: RestCall, what: string): HttpRequest {
    const headers: Record<string, string> = {
      accept: `${CONTENT_TYPES[call.format]}, */*;q=0.1`,
      'user-agent': 'trestle-rest-adapter',
      ...this.defaultHeaders,
    };
    let body: string | undefined;
    if (call.body !== undefined) {
      headers['content-type'] = `${CONTENT_TYPES[call.format]}; charset=utf-8`;
      body = call.format === 'json' ? JSON.stringify(call.body) : this.xmlBody(call, what);
    }
    return { method: call.method, url: `${this.baseUrl}${call.path}`, query: call.query, headers, body };
  }

  private xmlBody(call: RestCall, what: string): string {
    if (call.body === null || typeof call.body !== 'object' || Array.isArray(call.body)) {
      throw new AdapterError('rejected', `${what}: an XML body must be a record`, { retryable: false });
    }
    try {
      return writeXml(call.xmlRoot ?? 'record', call.body as Record<string, unknown>);
    } catch (error) {
      throw new AdapterError('rejected', `${what}: ${(error as Error).message}`, { retryable: false });
    }
  }
}
