import { sha256 } from '@trestle/core';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Keys look like `trk_<12 hex id>_<43 base64url secret>`: the prefix makes a leaked key easy to recognise. */
export const API_KEY_PREFIX = 'trk_';
const API_KEY_PATTERN = /^trk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface MintedApiKey {
  id: string;
  key: string;
  secretHash: string;
}

export function mintApiKey(): MintedApiKey {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `${API_KEY_PREFIX}${id}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseApiKey(key: string): { id: string; secret: string } | undefined {
  const match = API_KEY_PATTERN.exec(key);
  return match ? { id: match[1], secret: match[2] } : undefined;
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}

export function hashSecret(secret: string): string {
  return sha256(secret);
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
