import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scope } from '@trestle/core';
import { CurrentPrincipal } from '../current-principal.decorator';
import type { Principal } from '../principal';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './api-key.dto';
import { ApiKeyService } from './api-key.service';

@ApiTags('api-keys')
@Controller('v1/api-keys')
@RequireScopes(Scope.Admin)
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'The key is in the response once, never again.' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.create(principal, dto);
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyResponse, isArray: true })
  list(@CurrentPrincipal() principal: Principal): Promise<ApiKeyResponse[]> {
    return this.apiKeys.list(principal);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiKeyResponse, description: 'Revoked: refused from the next request on.' })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ApiKeyResponse> {
    return this.apiKeys.revoke(principal, id);
  }
}
