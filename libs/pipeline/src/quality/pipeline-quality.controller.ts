import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import { QualityListResponse, QualityQuery } from './pipeline-quality.dto';
import { PipelineQualityService } from './pipeline-quality.service';

@ApiTags('pipeline')
@Controller('v1/pipeline')
export class PipelineQualityController {
  constructor(private readonly quality: PipelineQualityService) {}

  @Get('quality')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: QualityListResponse, description: 'Data-quality figures per connection and entity.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: QualityQuery): Promise<QualityListResponse> {
    return this.quality.list(principal, query);
  }
}
