import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import { DriftMonitor } from './drift-monitor.service';
import { ModelDriftResponse, PinDriftReferenceDto } from './model-drift.dto';

@ApiTags('inference')
@ApiNotFoundResponse({ description: 'No model of that name is declared (problem+json).' })
@Controller('v1/inference/models/:name/drift')
export class ModelDriftController {
  constructor(private readonly drift: DriftMonitor) {}

  @Get()
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({
    type: ModelDriftResponse,
    description:
      "Input and output drift of the model in the caller's tenant: PSI per feature, current window against the reference.",
  })
  get(@CurrentPrincipal() principal: Principal, @Param('name') name: string): Promise<ModelDriftResponse> {
    return this.drift.report(principal.tenantId, name);
  }

  @Post('reference')
  @HttpCode(200)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({ type: ModelDriftResponse, description: 'Pins the current window as the reference, or restarts it.' })
  pin(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Body() dto: PinDriftReferenceDto,
  ): Promise<ModelDriftResponse> {
    return this.drift.pin(principal.tenantId, name, dto.from);
  }
}
