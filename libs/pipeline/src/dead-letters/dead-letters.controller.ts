import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import {
  DeadLetterDetailResponse,
  DeadLetterPageResponse,
  ListDeadLettersQuery,
  ReplayDeadLetterDto,
  ReplayResultResponse,
} from './dead-letter.dto';
import { DeadLetterService } from './dead-letter.service';

const DeadLetterId = () => Param('id', new ParseUUIDPipe({ version: '4' }));

@ApiTags('dead-letters')
@ApiNotFoundResponse({ description: 'No such dead letter in the caller tenant (problem+json).' })
@Controller('v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly letters: DeadLetterService) {}

  @Get()
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: DeadLetterPageResponse })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListDeadLettersQuery,
  ): Promise<DeadLetterPageResponse> {
    return this.letters.list(principal, query);
  }

  @Get(':id')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: DeadLetterDetailResponse })
  get(@CurrentPrincipal() principal: Principal, @DeadLetterId() id: string): Promise<DeadLetterDetailResponse> {
    return this.letters.get(principal, id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({ type: ReplayResultResponse, description: '`stored` when the record now maps and validates.' })
  replay(
    @CurrentPrincipal() principal: Principal,
    @DeadLetterId() id: string,
    @Body() dto: ReplayDeadLetterDto,
  ): Promise<ReplayResultResponse> {
    return this.letters.replay(principal, id, dto);
  }

  @Post(':id/discard')
  @HttpCode(200)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({ type: DeadLetterDetailResponse })
  discard(@CurrentPrincipal() principal: Principal, @DeadLetterId() id: string): Promise<DeadLetterDetailResponse> {
    return this.letters.discard(principal, id);
  }
}
