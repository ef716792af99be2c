import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import { JoinKeyDto, JoinKeyResponse, LineageResponse } from './store.dto';
import { StoreService } from './store.service';

@ApiTags('store')
@Controller('v1')
export class StoreController {
  constructor(private readonly store: StoreService) {}

  @Get('store/join-keys')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: JoinKeyResponse, isArray: true })
  joinKeys(@CurrentPrincipal() principal: Principal): Promise<JoinKeyResponse[]> {
    return this.store.joinKeysOf(principal);
  }

  @Put('store/join-keys/:entity/:relation')
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({
    type: JoinKeyResponse,
    description: 'How store reads join `relation` onto `entity` (e.g. order, customer).',
  })
  putJoinKey(
    @CurrentPrincipal() principal: Principal,
    @Param('entity') entity: string,
    @Param('relation') relation: string,
    @Body() dto: JoinKeyDto,
  ): Promise<JoinKeyResponse> {
    return this.store.putJoinKey(principal, entity, relation, dto);
  }

  @Delete('store/join-keys/:entity/:relation')
  @HttpCode(204)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such join key (problem+json).' })
  removeJoinKey(
    @CurrentPrincipal() principal: Principal,
    @Param('entity') entity: string,
    @Param('relation') relation: string,
  ): Promise<void> {
    return this.store.removeJoinKey(principal, entity, relation);
  }

  @Get('lineage/:id')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: LineageResponse, description: 'Where the stored record came from and how it was mapped.' })
  @ApiNotFoundResponse({ description: 'No such record in the store (problem+json).' })
  lineage(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<LineageResponse> {
    return this.store.lineage(principal, id);
  }
}
