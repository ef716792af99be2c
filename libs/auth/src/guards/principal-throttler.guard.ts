import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { requestOf, RequestWithPrincipal } from './request-principal';

/** Rate limits per principal once authenticated, per client address otherwise. */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as RequestWithPrincipal;
    return principal ? `${principal.kind}:${principal.id}` : `ip:${ip}`;
  }

  protected override getRequestResponse(context: ExecutionContext): {
    req: Record<string, unknown>;
    res: Record<string, unknown>;
  } {
    const request = requestOf(context) as unknown as Record<string, unknown> & { raw?: unknown };
    const reply =
      context.getType<string>() === 'graphql'
        ? (request as { reply?: unknown }).reply
        : context.switchToHttp().getResponse();
    return { req: request, res: (reply ?? {}) as Record<string, unknown> };
  }
}
