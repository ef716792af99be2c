import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AppConfig, ErrorCode, ProblemException } from '@trestle/core';
import { requestOf } from './request-principal';
import { SlidingWindowLimiter } from './sliding-window-limiter';

const WINDOW_MS = 60_000;

interface HeaderTarget {
  header(name: string, value: string | number): unknown;
}

/**
 * Rate limits per principal once authenticated, per client address otherwise (RATE_LIMIT_PER_MINUTE
 * over a sliding minute). Answers carry X-RateLimit-Limit/Remaining/Reset; a refusal is 429
 * `rate_limited` with Retry-After.
 */
@Injectable()
export class PrincipalRateLimitGuard implements CanActivate {
  private readonly limiter: SlidingWindowLimiter;

  constructor(config: AppConfig) {
    this.limiter = new SlidingWindowLimiter(config.rateLimitPerMinute, WINDOW_MS);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = requestOf(context);
    const { principal } = request;
    const decision = this.limiter.hit(principal ? `${principal.kind}:${principal.id}` : `ip:${request.ip}`);
    const reply = (
      context.getType<string>() === 'graphql'
        ? (request as { reply?: unknown }).reply
        : context.switchToHttp().getResponse()
    ) as Partial<HeaderTarget> | undefined;
    if (typeof reply?.header === 'function') {
      reply.header('x-ratelimit-limit', decision.limit);
      reply.header('x-ratelimit-remaining', decision.remaining);
      reply.header('x-ratelimit-reset', decision.resetSeconds);
    }
    if (decision.allowed) return true;
    reply?.header?.('retry-after', decision.retryAfterSeconds);
    throw new ProblemException(429, ErrorCode.RateLimited, 'Too many requests', {
      detail: `More than ${decision.limit} requests in a minute; retry after ${decision.retryAfterSeconds} s.`,
      headers: { 'retry-after': String(decision.retryAfterSeconds) },
    });
  }
}
