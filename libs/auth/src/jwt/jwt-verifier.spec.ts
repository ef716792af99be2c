import { ConfigValidationError, loadConfig } from '@trestle/core';
import { JwtVerifier } from './jwt-verifier';

describe('JwtVerifier configuration', () => {
  const keys = JSON.stringify({ keys: [] });

  it('is disabled when no key source is configured', () => {
    expect(new JwtVerifier(loadConfig({})).enabled).toBe(false);
  });

  it('insists on issuer and audience once a key source is configured', () => {
    expect(() => new JwtVerifier(loadConfig({ AUTH_JWT_PUBLIC_KEYS: keys }))).toThrow(ConfigValidationError);
    expect(() => new JwtVerifier(loadConfig({ AUTH_JWT_PUBLIC_KEYS: keys }))).toThrow(
      /AUTH_JWT_ISSUER[\s\S]*AUTH_JWT_AUDIENCE/,
    );
  });

  it('rejects a key source that is not a JWKS document', () => {
    const env = { AUTH_JWT_PUBLIC_KEYS: '-----BEGIN PUBLIC KEY-----', AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' };
    expect(() => new JwtVerifier(loadConfig(env))).toThrow(/AUTH_JWT_PUBLIC_KEYS/);
  });

  it('refuses symmetric or none algorithms in the allow-list at boot', () => {
    expect(() => loadConfig({ AUTH_JWT_ALGORITHMS: 'RS256,HS256' })).toThrow(/AUTH_JWT_ALGORITHMS/);
    expect(() => loadConfig({ AUTH_JWT_ALGORITHMS: 'none' })).toThrow(/AUTH_JWT_ALGORITHMS/);
    expect(loadConfig({ AUTH_JWT_ALGORITHMS: 'ES256,EdDSA' }).authJwtAlgorithms).toBe('ES256,EdDSA');
  });
});
