import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import { AuditEventPage, AuditListQuery, VerificationResponse } from './query/audit.dto';
import { AuditQueryService } from './query/audit-query.service';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditQueryService) {}

  @Query(() => AuditEventPage)
  @RequireScopes(Scope.AuditRead)
  auditEvents(@CurrentPrincipal() principal: Principal, @Args() query: AuditListQuery): Promise<AuditEventPage> {
    return this.audit.list(principal, query);
  }

  @Mutation(() => VerificationResponse)
  @RequireScopes(Scope.AuditRead)
  verifyAuditChain(@CurrentPrincipal() principal: Principal): Promise<VerificationResponse> {
    return this.audit.verify(principal);
  }
}
