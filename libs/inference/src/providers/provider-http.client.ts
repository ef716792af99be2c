import { InferenceError, InferenceErrorCode } from '../inference-error';

const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_MESSAGE_CHARS = 300;

export interface ProviderHttpOptions {
  /** Used in error messages, e.g. `kserve-v2`. */
  provider: string;
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  /** Pulls the server's own error message out of an error body (each protocol has its shape). */
  errorMessage: (body: unknown) => string | undefined;
}

/**
 * JSON over HTTP for inference servers: a timeout per call, a response size limit, and failures turned
 * into InferenceErrors whose messages never carry the API key (even when a server echoes it back).
 */
export class ProviderHttpClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ProviderHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const { provider, timeoutMs } = this.options;
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await readLimited(response);
    } catch (error) {
      if (InferenceError.is(error)) throw error;
      if (timeout.aborted) {
        throw new InferenceError(
          InferenceErrorCode.ProviderTimeout,
          `${provider} ${method} ${path}: no answer within ${timeoutMs} ms`,
          { provider },
        );
      }
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new InferenceError(
        InferenceErrorCode.ProviderUnreachable,
        `${provider} ${method} ${path}: ${this.origin} unreachable (${code})`,
        { provider },
      );
    }
    const parsed = parseJson(text);
    if (!response.ok) {
      const serverMessage = this.scrub(this.options.errorMessage(parsed) ?? text).slice(0, MAX_MESSAGE_CHARS);
      throw new InferenceError(
        codeForStatus(response.status),
        `${provider} ${method} ${path} answered ${response.status}${serverMessage ? `: ${serverMessage}` : ''}`,
        { provider, status: response.status },
      );
    }
    if (parsed === undefined) {
      throw new InferenceError(
        InferenceErrorCode.InvalidResponse,
        `${provider} ${method} ${path} answered ${response.status} with a body that is not JSON`,
        { provider, status: response.status },
      );
    }
    return parsed as T;
  }

  private scrub(message: string): string {
    const key = this.options.apiKey;
    const clean = key ? message.split(key).join('[redacted]') : message;
    return clean
      .replace(/Bearer\s+\S+/gi, 'Bearer [redacted]')
      .replace(/\s+/g, ' ')
      .trim();
  }
}

function codeForStatus(status: number) {
  if (status === 401 || status === 403) return InferenceErrorCode.ProviderAuth;
  if (status === 429) return InferenceErrorCode.ProviderRateLimited;
  if (status === 408 || status === 504) return InferenceErrorCode.ProviderTimeout;
  if (status >= 500) return InferenceErrorCode.ProviderUnavailable;
  return InferenceErrorCode.ProviderRejected;
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      throw new InferenceError(
        InferenceErrorCode.InvalidResponse,
        `response larger than ${MAX_RESPONSE_BYTES} bytes refused`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
