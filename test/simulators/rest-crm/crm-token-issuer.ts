import { randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenCheck = 'valid' | 'missing' | 'expired' | 'unknown';

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** OAuth2 client_credentials for one client: opaque bearer tokens that expire after `ttlSeconds` on the given clock. */
export class CrmTokenIssuer {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly client: { clientId: string; clientSecret: string },
    private readonly ttlSeconds: number,
    private readonly now: () => Date,
  ) {}

  authenticates(clientId: string, clientSecret: string): boolean {
    return sameText(clientId, this.client.clientId) && sameText(clientSecret, this.client.clientSecret);
  }

  issue(): { access_token: string; token_type: 'Bearer'; expires_in: number } {
    const token = `crm_${randomBytes(24).toString('base64url')}`;
    this.expiries.set(token, this.now().getTime() + this.ttlSeconds * 1000);
    return { access_token: token, token_type: 'Bearer', expires_in: Math.max(1, Math.ceil(this.ttlSeconds)) };
  }

  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return 'missing';
    const expiry = this.expiries.get(match[1]);
    if (expiry === undefined) return 'unknown';
    return this.now().getTime() < expiry ? 'valid' : 'expired';
  }

  expireAll(): void {
    for (const token of this.expiries.keys()) this.expiries.set(token, 0);
  }
}
