import { AdapterError, type AdapterContext, type SourceRecord } from '@trestle/adapter-sdk';
import type { __Kind__Settings } from '../__kind__-settings';

export interface __Kind__Request {
  method?: 'GET' | 'POST' | 'PATCH';
  query?: Record<string, string | number>;
  body?: SourceRecord;
  signal?: AbortSignal;
}

/**
 * The one place that speaks the system's protocol: authentication, the call's time and size
 * limits, and every failure wrapped once into an AdapterError that carries no credential.
 */
export class __Kind__Client {
  constructor(private readonly context: AdapterContext<__Kind__Settings>) {}

  async request<T>(path: string, request: __Kind__Request = {}): Promise<T> {
    const url = new URL(path.replace(/^\//, ''), this.context.settings.baseUrl.replace(/\/?$/, '/'));
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, String(value));
    const timeout = AbortSignal.timeout(this.context.limits.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const details = { method: request.method ?? 'GET', path };
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method ?? 'GET',
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.context.credentials.token}`,
          ...(request.body ? { 'content-type': 'application/json' } : {}),
        },
        body: request.body ? JSON.stringify(request.body) : undefined,
        signal,
      });
    } catch (error) {
      throw this.failure(error, signal, details);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw statusError(response, details);
    }
    let text: string;
    try {
      text = await this.readLimited(response);
    } catch (error) {
      throw AdapterError.is(error) ? error : this.failure(error, signal, details);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AdapterError('invalid_response', 'the system answered with invalid JSON', { details });
    }
  }

  private async readLimited(response: Response): Promise<string> {
    const limit = this.context.limits.maxResponseBytes;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > limit) {
        await response.body?.cancel();
        throw new AdapterError('invalid_response', `response larger than ${limit} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private failure(error: unknown, signal: AbortSignal, details: Record<string, unknown>): AdapterError {
    if (signal.aborted) return new AdapterError('timeout', 'the call was aborted or timed out', { details });
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return new AdapterError('unreachable', `the system cannot be reached${code ? ` (${code})` : ''}`, { details });
  }
}

function statusError(response: Response, details: Record<string, unknown>): AdapterError {
  const options = { upstreamStatus: response.status, details };
  if (response.status === 401 || response.status === 403) return new AdapterError('auth', 'token refused', options);
  if (response.status === 404) return new AdapterError('not_found', 'no such record', options);
  if (response.status === 429) {
    const retryAfterMs = Number(response.headers.get('retry-after') ?? 1) * 1000;
    return new AdapterError('rate_limited', 'rate limited', { ...options, retryAfterMs });
  }
  if (response.status >= 400 && response.status < 500) return new AdapterError('rejected', 'request refused', options);
  return new AdapterError('unreachable', `the system failed with HTTP ${response.status}`, options);
}
