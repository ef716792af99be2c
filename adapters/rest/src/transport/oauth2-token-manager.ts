import { AdapterError, type AdapterLogger } from '@trestle/adapter-sdk';
import type { OAuth2ClientCredentialsAuth } from '../rest-settings';
import { CallScope } from './call-scope';
import { statusError } from './error-mapper';
import type { HttpTransport } from './http-transport';
import { decodeBody } from './response-body';
import type { SecretScrubber } from './secret-scrubber';

const DEFAULT_LIFETIME_S = 300;
const MAX_EARLY_REFRESH_MS = 30_000;
const WHAT = 'OAuth2 token request';

interface CachedToken {
  value: string;
  /** performance.now() after which the token is refreshed before use. */
  refreshAt: number;
}

/**
 * Holds one OAuth2 client-credentials token per connection: cached until shortly before it
 * expires (a tenth of its lifetime, at most 30 s early), dropped when the system answers 401 to it,
 * and fetched by one request that all concurrent callers share. The shared request runs under its
 * own timeout, so one caller's abort does not fail the others.
 */
export class OAuth2TokenManager {
  private cached?: CachedToken;
  private inflight?: Promise<CachedToken>;
  private readonly closing = new AbortController();
  private readonly tokenUrl: string;

  constructor(
    private readonly auth: OAuth2ClientCredentialsAuth,
    baseUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly transport: HttpTransport,
    private readonly timeoutMs: number,
    private readonly logger: AdapterLogger,
    private readonly scrubber: SecretScrubber,
  ) {
    this.tokenUrl = new URL(auth.tokenUrl, `${baseUrl.replace(/\/+$/, '')}/`).toString();
  }

  /** A valid access token: the cached one, or a fresh one from the shared token request. */
  async token(scope: CallScope): Promise<string> {
    if (this.cached && performance.now() < this.cached.refreshAt) return this.cached.value;
    return (await scope.race(this.refresh(), WHAT)).value;
  }

  /** Forgets `token` if it is still the cached one (the system refused it). */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  /** Fetches a fresh token whatever is cached (health checks). */
  async renew(scope: CallScope): Promise<void> {
    this.cached = undefined;
    await scope.race(this.refresh(), WHAT);
  }

  close(): void {
    this.closing.abort();
    this.cached = undefined;
  }

  private refresh(): Promise<CachedToken> {
    this.inflight ??= this.request().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async request(): Promise<CachedToken> {
    const scope = new CallScope(this.timeoutMs, this.closing.signal);
    try {
      const form = new URLSearchParams({ grant_type: 'client_credentials' });
      if (this.auth.scope) form.set('scope', this.auth.scope);
      if (this.auth.audience) form.set('audience', this.auth.audience);
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      };
      if (this.auth.clientAuth === 'body') {
        form.set('client_id', this.clientId);
        form.set('client_secret', this.clientSecret);
      } else {
        const pair = `${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`;
        headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
      }
      const started = performance.now();
      const response = await this.transport.send(
        { method: 'POST', url: this.tokenUrl, headers, body: form.toString() },
        scope,
        WHAT,
      );
      if (response.status === 400 || response.status === 401 || response.status === 403) {
        const refused = statusError(response, WHAT, this.scrubber);
        throw new AdapterError('auth', `${WHAT}: the client credentials were refused (${response.status})`, {
          upstreamStatus: response.status,
          details: refused.details,
        });
      }
      if (response.status < 200 || response.status > 299) throw statusError(response, WHAT, this.scrubber);
      const token = this.readToken(response.body, response.headers['content-type'], started);
      this.cached = token;
      return token;
    } finally {
      scope.dispose();
    }
  }

  private readToken(body: Buffer, contentType: string | undefined, started: number): CachedToken {
    let parsed: unknown;
    try {
      parsed = decodeBody(body, contentType, 'json');
    } catch {
      parsed = undefined;
    }
    const grant = (parsed ?? {}) as { access_token?: unknown; expires_in?: unknown; token_type?: unknown };
    const tokenType = typeof grant.token_type === 'string' ? grant.token_type.toLowerCase() : 'bearer';
    if (typeof grant.access_token !== 'string' || grant.access_token === '' || tokenType !== 'bearer') {
      throw new AdapterError('invalid_response', `${WHAT}: the answer holds no bearer access token`, {
        retryable: false,
      });
    }
    this.scrubber.add(grant.access_token);
    const lifetimeS = Number(grant.expires_in);
    const lifetimeMs = (Number.isFinite(lifetimeS) && lifetimeS > 0 ? lifetimeS : DEFAULT_LIFETIME_S) * 1000;
    const early = Math.min(MAX_EARLY_REFRESH_MS, lifetimeMs / 10);
    this.logger.debug('OAuth2 token obtained', { expiresInS: lifetimeMs / 1000 });
    return { value: grant.access_token, refreshAt: started + lifetimeMs - early };
  }
}
