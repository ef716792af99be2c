import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import {
  InferenceDeadLetterPageResponse,
  InferenceDeadLetterResponse,
  InferenceReplayResponse,
  ListInferenceDeadLettersQuery,
  ReplayInferenceDeadLettersDto,
} from './inference-dead-letter.dto';
import { InferenceDeadLetterService } from './inference-dead-letter.service';

const LetterId = () => Param('id', new ParseUUIDPipe({ version: '4' }));

@ApiTags('inference')
@ApiNotFoundResponse({ description: 'No such dead letter in the caller tenant (problem+json).' })
@Controller('v1/inference/dead-letters')
export class InferenceDeadLettersController {
  constructor(private readonly letters: InferenceDeadLetterService) {}

  @Get()
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: InferenceDeadLetterPageResponse, description: 'Records no model could score, newest first.' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListInferenceDeadLettersQuery,
  ): Promise<InferenceDeadLetterPageResponse> {
    return this.letters.list(principal, query);
  }

  @Post('replay')
  @HttpCode(200)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({ type: InferenceReplayResponse, description: 'Scores the newest open letters again.' })
  replayMany(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ReplayInferenceDeadLettersDto,
  ): Promise<InferenceReplayResponse> {
    return this.letters.replayMany(principal, dto);
  }

  @Get(':id')
  @RequireScopes(Scope.EntitiesRead)
  @ApiOkResponse({ type: InferenceDeadLetterResponse })
  get(@CurrentPrincipal() principal: Principal, @LetterId() id: string): Promise<InferenceDeadLetterResponse> {
    return this.letters.get(principal, id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({ type: InferenceReplayResponse, description: 'Scores the record again now.' })
  replay(@CurrentPrincipal() principal: Principal, @LetterId() id: string): Promise<InferenceReplayResponse> {
    return this.letters.replay(principal, id);
  }

  @Post(':id/discard')
  @HttpCode(200)
  @RequireScopes(Scope.ConnectionsAdmin)
  @ApiOkResponse({ type: InferenceDeadLetterResponse })
  discard(@CurrentPrincipal() principal: Principal, @LetterId() id: string): Promise<InferenceDeadLetterResponse> {
    return this.letters.discard(principal, id);
  }
}
