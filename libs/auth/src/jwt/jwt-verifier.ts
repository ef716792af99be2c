import { Injectable } from '@nestjs/common';
import { AppConfig, ConfigValidationError, isScope, ProblemException, Scope } from '@trestle/core';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  JSONWebKeySet,
  JWTPayload,
  jwtVerify,
  JWTVerifyGetKey,
} from 'jose';
import { Principal, trustedTenantId } from '../principal';

/** Verifies bearer JWTs from the company identity provider: signature, issuer, audience, expiry, pinned algorithms. */
@Injectable()
export class JwtVerifier {
  private readonly keys?: JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly config: AppConfig) {
    this.algorithms = config.authJwtAlgorithms.split(',');
    if (!config.authJwksUrl && !config.authJwtPublicKeys) return;
    const missing = [
      !config.authJwtIssuer && 'AUTH_JWT_ISSUER: must be set when JWT authentication is configured',
      !config.authJwtAudience && 'AUTH_JWT_AUDIENCE: must be set when JWT authentication is configured',
    ].filter((problem): problem is string => typeof problem === 'string');
    if (missing.length > 0) throw new ConfigValidationError(missing);
    this.keys = config.authJwksUrl
      ? createRemoteJWKSet(new URL(config.authJwksUrl), {
          cooldownDuration: config.authJwksCooldownMs,
          cacheMaxAge: 600_000,
          timeoutDuration: 5_000,
        })
      : createLocalJWKSet(parseJwks(config.authJwtPublicKeys ?? ''));
  }

  get enabled(): boolean {
    return this.keys !== undefined;
  }

  async verify(token: string): Promise<Principal> {
    if (!this.keys) throw ProblemException.unauthenticated('Bearer JWTs are not accepted here; use an API key.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.authJwtIssuer,
        audience: this.config.authJwtAudience,
        algorithms: this.algorithms,
        clockTolerance: this.config.authJwtClockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw ProblemException.unauthenticated(describeJwtFailure(error));
    }
    const tenant = payload[this.config.authTenantClaim];
    if (typeof tenant !== 'string' || tenant.length === 0) {
      throw ProblemException.unauthenticated(`The token has no '${this.config.authTenantClaim}' claim.`);
    }
    return {
      kind: 'user',
      id: String(payload.sub),
      tenantId: trustedTenantId(tenant),
      scopes: new Set(scopesOf(payload[this.config.authScopeClaim])),
      displayName: typeof payload.name === 'string' ? payload.name : undefined,
    };
  }
}

function parseJwks(text: string): JSONWebKeySet {
  try {
    const parsed = JSON.parse(text) as { keys?: unknown };
    if (Array.isArray(parsed.keys)) return parsed as JSONWebKeySet;
  } catch {
    // reported below
  }
  throw new ConfigValidationError(['AUTH_JWT_PUBLIC_KEYS: must be a JWKS document ({"keys": [...]})']);
}

function scopesOf(claim: unknown): Scope[] {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(' ') : [];
  return values.filter((value): value is Scope => typeof value === 'string' && isScope(value));
}

function describeJwtFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token's '${error.claim}' claim is not accepted.`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm that is not allowed.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token is signed by an unknown key.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is invalid.';
  return 'The token is not a valid JWT.';
}
