import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import { EnrichmentList, EnrichmentQuery, ModelList } from './enrichment.dto';
import { EnrichmentQueryService } from './enrichment-query.service';

@ApiTags('inference')
@Controller('v1')
export class EnrichmentsController {
  constructor(private readonly enrichments: EnrichmentQueryService) {}

  @Get('enrichments')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: EnrichmentList, description: "Model outputs about the tenant's records, newest first." })
  list(@CurrentPrincipal() principal: Principal, @Query() query: EnrichmentQuery): Promise<EnrichmentList> {
    return this.enrichments.list(principal, query);
  }

  @Get('inference/models')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: ModelList, description: 'The declared models and where each runs.' })
  models(): ModelList {
    return this.enrichments.models();
  }
}
