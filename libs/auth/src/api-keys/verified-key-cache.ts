import { LRUCache } from 'lru-cache';
import type { Principal } from '../principal';

interface VerifiedKey {
  secretHash: string;
  principal: Principal;
}

const MAX_KEYS = 10_000;

/**
 * API keys verified against their row, trusted for `ttlMs` so a busy caller costs no database read
 * per request. Only the stored hash is kept: every request still proves its secret against it.
 */
export class VerifiedKeyCache {
  private readonly keys?: LRUCache<string, VerifiedKey>;

  constructor(ttlMs: number) {
    if (ttlMs > 0) this.keys = new LRUCache<string, VerifiedKey>({ max: MAX_KEYS, ttl: ttlMs, perf: Date });
  }

  get(id: string): VerifiedKey | undefined {
    return this.keys?.get(id);
  }

  set(id: string, secretHash: string, principal: Principal): void {
    this.keys?.set(id, { secretHash, principal });
  }

  forget(id: string): void {
    this.keys?.delete(id);
  }
}
