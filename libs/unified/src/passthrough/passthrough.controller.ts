import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import { PassthroughRequest, PassthroughResponse } from './passthrough.dto';
import { PassthroughService } from './passthrough.service';

@ApiTags('passthrough')
@Controller('v1/connections/:connectionId/passthrough')
export class PassthroughController {
  constructor(private readonly passthrough: PassthroughService) {}

  @Post()
  @HttpCode(200)
  @RequireScopes(Scope.Passthrough)
  @ApiOkResponse({
    type: PassthroughResponse,
    description: 'Runs one raw operation the canonical model does not cover.',
  })
  run(
    @CurrentPrincipal() principal: Principal,
    @Param('connectionId', new ParseUUIDPipe({ version: '4' })) connectionId: string,
    @Body() request: PassthroughRequest,
  ): Promise<PassthroughResponse> {
    return this.passthrough.run(principal, connectionId, request);
  }
}
