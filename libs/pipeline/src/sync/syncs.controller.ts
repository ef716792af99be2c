import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import {
  ListSyncsQuery,
  StartSyncDto,
  SyncRunListResponse,
  SyncRunResponse,
  SyncScheduleDto,
  SyncScheduleResponse,
} from './sync.dto';
import { SyncService } from './sync.service';

const Uuid = (name: string) => Param(name, new ParseUUIDPipe({ version: '4' }));

@ApiTags('syncs')
@ApiNotFoundResponse({ description: 'No such connection or sync in the caller tenant (problem+json).' })
@Controller('v1')
export class SyncsController {
  constructor(private readonly syncs: SyncService) {}

  @Post('connections/:id/syncs')
  @HttpCode(202)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiAcceptedResponse({ type: SyncRunResponse, description: 'The run is queued.' })
  @ApiConflictResponse({ description: 'A sync of this entity is already under way (problem+json).' })
  start(
    @CurrentPrincipal() principal: Principal,
    @Uuid('id') id: string,
    @Body() dto: StartSyncDto,
  ): Promise<SyncRunResponse> {
    return this.syncs.start(principal, id, dto);
  }

  @Get('connections/:id/syncs')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: SyncRunListResponse, description: 'Latest runs first.' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Uuid('id') id: string,
    @Query() query: ListSyncsQuery,
  ): Promise<SyncRunListResponse> {
    return this.syncs.listForConnection(principal, id, query);
  }

  @Get('syncs/:id')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: SyncRunResponse })
  get(@CurrentPrincipal() principal: Principal, @Uuid('id') id: string): Promise<SyncRunResponse> {
    return this.syncs.get(principal, id);
  }

  @Post('syncs/:id/cancel')
  @HttpCode(200)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({ type: SyncRunResponse, description: 'The run stops after the page it is reading.' })
  @ApiConflictResponse({ description: 'The run has ended already (problem+json).' })
  cancel(@CurrentPrincipal() principal: Principal, @Uuid('id') id: string): Promise<SyncRunResponse> {
    return this.syncs.cancel(principal, id);
  }

  @Get('connections/:id/sync-schedules')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: SyncScheduleResponse, isArray: true })
  schedules(@CurrentPrincipal() principal: Principal, @Uuid('id') id: string): Promise<SyncScheduleResponse[]> {
    return this.syncs.schedulesOf(principal, id);
  }

  @Put('connections/:id/sync-schedules/:entity')
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({
    type: SyncScheduleResponse,
    description: 'Runs this entity sync on the schedule (a repeatable job).',
  })
  putSchedule(
    @CurrentPrincipal() principal: Principal,
    @Uuid('id') id: string,
    @Param('entity') entity: string,
    @Body() dto: SyncScheduleDto,
  ): Promise<SyncScheduleResponse> {
    return this.syncs.putSchedule(principal, id, entity, dto);
  }

  @Delete('connections/:id/sync-schedules/:entity')
  @HttpCode(204)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiNoContentResponse()
  removeSchedule(
    @CurrentPrincipal() principal: Principal,
    @Uuid('id') id: string,
    @Param('entity') entity: string,
  ): Promise<void> {
    return this.syncs.removeSchedule(principal, id, entity);
  }
}
