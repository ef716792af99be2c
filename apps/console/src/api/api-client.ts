import { ApiError, type Problem } from './problem';

export type Query = Record<string, string | number | undefined>;

export interface Download {
  blob: Blob;
  filename: string;
}

/** Calls the hub's REST API with the signed-in credential; every failure is an ApiError. */
export class ApiClient {
  constructor(
    private readonly credential: () => string | null,
    private readonly onUnauthenticated: () => void,
  ) {}

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.json<T>('GET', withQuery(path, query), undefined, signal);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.json<T>('POST', path, body ?? {});
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.json<void>('DELETE', path);
  }

  /** Checks a credential without keeping it: resolves if the hub knows it, rejects with 401 if not. */
  async probe(credential: string): Promise<void> {
    const response = await fetch('/v1/connections', { headers: authorization(credential) });
    if (response.status === 401 || response.status >= 500) throw await toError(response);
  }

  async download(path: string, query?: Query): Promise<Download> {
    const response = await this.send('GET', withQuery(path, query));
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'download';
    return { blob: await response.blob(), filename };
  }

  private async json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const response = await this.send(method, path, body, signal);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...authorization(this.credential()) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    if (response.ok) return response;
    const error = await toError(response);
    if (response.status === 401) this.onUnauthenticated();
    throw error;
  }
}

function authorization(credential: string | null): Record<string, string> {
  return credential ? { authorization: `Bearer ${credential}` } : {};
}

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function toError(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status, title: response.statusText };
  try {
    problem = { ...problem, ...((await response.json()) as Problem) };
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, problem);
}
