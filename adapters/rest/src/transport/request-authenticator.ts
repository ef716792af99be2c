import { AdapterError, type AdapterLogger } from '@trestle/adapter-sdk';
import type { RestCredentials, RestSettings } from '../rest-settings';
import type { CallScope } from './call-scope';
import type { HttpRequest } from './http-exchange';
import type { HttpTransport } from './http-transport';
import { OAuth2TokenManager } from './oauth2-token-manager';
import type { SecretScrubber } from './secret-scrubber';

/** Puts a connection's credentials on each request, in the way its auth style says. */
export interface RequestAuthenticator {
  authorize(request: HttpRequest, scope: CallScope): Promise<HttpRequest>;
  /** After a 401 to `request`: whether sending it once more, re-authorized, may succeed. */
  refused(request: HttpRequest): boolean;
  /** Proves the credentials without touching data (the token endpoint); false when the style has no such call. */
  probe(scope: CallScope): Promise<boolean>;
  close(): void;
}

/** Builds the authenticator for the settings' auth style; throws AdapterError('auth') when a credential is missing. */
export function createAuthenticator(
  settings: RestSettings,
  credentials: RestCredentials,
  transport: HttpTransport,
  timeoutMs: number,
  logger: AdapterLogger,
  scrubber: SecretScrubber,
): RequestAuthenticator {
  const auth = settings.auth ?? { style: 'none' };
  switch (auth.style) {
    case 'none':
      return fixed((request) => request);
    case 'apiKey': {
      const key = required(credentials, 'apiKey');
      if (auth.header)
        return fixed((request) => ({ ...request, headers: { ...request.headers, [auth.header!]: key } }));
      const param = auth.queryParam ?? 'api_key';
      return fixed((request) => ({ ...request, query: { ...request.query, [param]: key } }));
    }
    case 'basic': {
      const pair = `${required(credentials, 'username')}:${credentials.password ?? ''}`;
      scrubber.add(pair);
      const header = `Basic ${Buffer.from(pair).toString('base64')}`;
      return fixed((request) => ({ ...request, headers: { ...request.headers, authorization: header } }));
    }
    case 'oauth2ClientCredentials': {
      scrubber.add(
        `${encodeURIComponent(credentials.clientId ?? '')}:${encodeURIComponent(credentials.clientSecret ?? '')}`,
      );
      const tokens = new OAuth2TokenManager(
        auth,
        settings.baseUrl,
        required(credentials, 'clientId'),
        required(credentials, 'clientSecret'),
        transport,
        timeoutMs,
        logger,
        scrubber,
      );
      return new BearerAuthenticator(tokens);
    }
  }
}

function required(credentials: RestCredentials, name: keyof RestCredentials): string {
  const value = credentials[name];
  if (typeof value !== 'string' || value === '') {
    throw new AdapterError('auth', `the connection has no '${name}' credential`, { retryable: false });
  }
  return value;
}

function fixed(apply: (request: HttpRequest) => HttpRequest): RequestAuthenticator {
  return {
    authorize: async (request) => apply(request),
    refused: () => false,
    probe: async () => false,
    close: () => undefined,
  };
}

class BearerAuthenticator implements RequestAuthenticator {
  constructor(private readonly tokens: OAuth2TokenManager) {}

  async authorize(request: HttpRequest, scope: CallScope): Promise<HttpRequest> {
    const token = await this.tokens.token(scope);
    return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
  }

  refused(request: HttpRequest): boolean {
    const sent = request.headers.authorization?.replace(/^Bearer /, '');
    if (sent) this.tokens.invalidate(sent);
    return true;
  }

  async probe(scope: CallScope): Promise<boolean> {
    await this.tokens.renew(scope);
    return true;
  }

  close(): void {
    this.tokens.close();
  }
}
