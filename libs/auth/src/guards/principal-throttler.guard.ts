import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { RequestWithPrincipal } from './request-principal';

/** Rate limits per principal once authenticated, per client address otherwise. */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as RequestWithPrincipal;
    return principal ? `${principal.kind}:${principal.id}` : `ip:${ip}`;
  }
}
