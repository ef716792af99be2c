import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { ErrorCode, ProblemException, sha256, toProblem } from '@trestle/core';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

const RETENTION_MS = 24 * 3600_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Failures that prove the legacy system was never called, so the key may be used again. */
const NOT_SENT: ReadonlySet<string> = new Set([
  ErrorCode.CircuitOpen,
  ErrorCode.UpstreamRateLimited,
  ErrorCode.ValidationFailed,
  ErrorCode.NotFound,
  ErrorCode.Forbidden,
]);

/**
 * Makes a write safe to retry against systems that know nothing of idempotency: the first outcome
 * of a key (success or failure) is stored and replayed; the legacy system is never called twice.
 */
@Injectable()
export class IdempotencyService {
  private lastPurge = 0;

  constructor(private readonly keys: IdempotencyKeyRepository) {}

  async run<T>(
    principal: Principal,
    key: string | undefined,
    fingerprint: unknown,
    write: () => Promise<T>,
  ): Promise<T> {
    if (key === undefined) return write();
    if (!KEY_PATTERN.test(key)) {
      throw ProblemException.validation([
        { field: 'Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters' },
      ]);
    }
    await this.purgeNowAndThen();
    const requestHash = sha256(JSON.stringify(fingerprint));
    if (!(await this.keys.claim(principal.tenantId, key, requestHash))) return this.replay(principal, key, requestHash);
    try {
      const result = await write();
      await this.keys.complete(principal.tenantId, key, 200, JSON.stringify(result));
      return result;
    } catch (error) {
      const problem = toProblem(error);
      if (NOT_SENT.has(problem.code)) {
        await this.keys.release(principal.tenantId, key);
      } else {
        await this.keys.complete(principal.tenantId, key, problem.status, JSON.stringify(stored(problem)));
      }
      throw error;
    }
  }

  private async replay<T>(principal: Principal, key: string, requestHash: string): Promise<T> {
    const previous = await this.keys.get(principal.tenantId, key);
    if (!previous) throw ProblemException.conflict('The Idempotency-Key was released concurrently; retry the request.');
    if (previous.requestHash !== requestHash) {
      throw new ProblemException(422, ErrorCode.ValidationFailed, 'Idempotency-Key reused', {
        detail: 'This Idempotency-Key was used for a different request.',
      });
    }
    if (previous.state === 'pending' || previous.statusCode === null || previous.response === null) {
      throw new ProblemException(409, ErrorCode.Conflict, 'Request in progress', {
        detail: 'The first request with this Idempotency-Key is still running.',
        headers: { 'retry-after': '1' },
      });
    }
    const body = JSON.parse(previous.response) as T & StoredProblem;
    if (previous.statusCode >= 400) {
      throw new ProblemException(previous.statusCode, body.code, body.title, {
        detail: body.detail,
        extensions: { ...body.extensions, replayed: true },
      });
    }
    return body;
  }

  private async purgeNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 3600_000) return;
    this.lastPurge = now;
    await this.keys.purgeOlderThan(new Date(now - RETENTION_MS));
  }
}

interface StoredProblem {
  code: ErrorCode;
  title: string;
  detail?: string;
  extensions?: Record<string, unknown>;
}

function stored(problem: ProblemException): StoredProblem {
  return { code: problem.code, title: problem.title, detail: problem.detail, extensions: problem.extensions };
}
