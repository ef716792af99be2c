import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import { EnrichmentQuery, EnrichmentResponse, ModelResponse } from './enrichment.dto';
import { EnrichmentQueryService } from './enrichment-query.service';

@Resolver(() => EnrichmentResponse)
export class EnrichmentsResolver {
  constructor(private readonly queries: EnrichmentQueryService) {}

  @Query(() => [EnrichmentResponse], { description: "Model outputs about the tenant's records, newest first." })
  @RequireScopes(Scope.EntitiesRead)
  async enrichments(
    @CurrentPrincipal() principal: Principal,
    @Args() query: EnrichmentQuery,
  ): Promise<EnrichmentResponse[]> {
    return (await this.queries.list(principal, query)).data;
  }

  @Query(() => [ModelResponse], { description: 'The declared inference models.' })
  @RequireScopes(Scope.EntitiesRead)
  inferenceModels(): ModelResponse[] {
    return this.queries.models().data;
  }

  @ResolveField(() => String, { description: 'The model output, JSON-encoded.' })
  outputJson(@Parent() enrichment: EnrichmentResponse): string {
    return JSON.stringify(enrichment.output);
  }
}
