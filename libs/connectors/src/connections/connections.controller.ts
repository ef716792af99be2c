import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import {
  AdapterKindResponse,
  ConnectionResponse,
  ConnectionTestResponse,
  CreateConnectionDto,
  UpdateConnectionDto,
} from './connection.dto';
import { ConnectionService } from './connection.service';

const ConnectionId = () => Param('id', new ParseUUIDPipe({ version: '4' }));

@ApiTags('connections')
@ApiNotFoundResponse({ description: 'No such connection in the caller tenant (problem+json).' })
@Controller('v1/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionService) {}

  @Get()
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: ConnectionResponse, isArray: true })
  list(@CurrentPrincipal() principal: Principal): Promise<ConnectionResponse[]> {
    return this.connections.list(principal);
  }

  @Get(':id')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: ConnectionResponse })
  get(@CurrentPrincipal() principal: Principal, @ConnectionId() id: string): Promise<ConnectionResponse> {
    return this.connections.get(principal, id);
  }

  @Post()
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiCreatedResponse({ type: ConnectionResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateConnectionDto): Promise<ConnectionResponse> {
    return this.connections.create(principal, dto);
  }

  @Patch(':id')
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({ type: ConnectionResponse })
  update(
    @CurrentPrincipal() principal: Principal,
    @ConnectionId() id: string,
    @Body() dto: UpdateConnectionDto,
  ): Promise<ConnectionResponse> {
    return this.connections.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiNoContentResponse()
  remove(@CurrentPrincipal() principal: Principal, @ConnectionId() id: string): Promise<void> {
    return this.connections.remove(principal, id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({
    type: ConnectionTestResponse,
    description: 'ok: false with the adapter error code when the system fails.',
  })
  test(@CurrentPrincipal() principal: Principal, @ConnectionId() id: string): Promise<ConnectionTestResponse> {
    return this.connections.test(principal, id);
  }
}

@ApiTags('connections')
@Controller('v1/adapters')
export class AdaptersController {
  constructor(private readonly connections: ConnectionService) {}

  @Get()
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({
    type: AdapterKindResponse,
    isArray: true,
    description: 'Installed adapter kinds and their settings schemas.',
  })
  list(): AdapterKindResponse[] {
    return this.connections.adapterKinds();
  }
}
