import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Req, Type } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  PartialType,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { CANONICAL_ENTITIES, CanonicalEntityName, createValidationPipe, RequireScopes, Scope } from '@trestle/core';
import { EnrichmentResponse } from '@trestle/inference';
import type { FastifyRequest } from 'fastify';
import { CreateTargetQuery, ListEntitiesQuery, ReadModeQuery } from '../live/list-entities.query';
import { enrichedRecordSchema } from '../enrichments/enriched-record.schema';
import { IncludingReadService } from '../enrichments/including-read.service';
import { RecordWriter } from '../live/record-writer';
import { nextLink } from './next-link';
import { recordPageClass } from './record-page';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Repeat a write safely: the first outcome for a key is replayed and the legacy system is called once.',
};

/** REST endpoints of one canonical entity: list (merged or per connection), get, create, update. */
export function entityController(entity: CanonicalEntityName): Type<unknown> {
  const { plural, record, fields } = CANONICAL_ENTITIES[entity];
  const Page = recordPageClass(record);
  class Patch_ extends PartialType(fields as Type<object>) {}
  Object.defineProperty(Patch_, 'name', { value: `${record.name}Patch` });
  const bodyPipe = createValidationPipe(fields);
  const patchPipe = createValidationPipe(Patch_);

  @ApiTags(plural)
  @ApiExtraModels(record, EnrichmentResponse)
  @Controller('v1')
  class EntityController {
    constructor(
      readonly reads: IncludingReadService,
      readonly writer: RecordWriter,
    ) {}

    @Get(plural)
    @RequireScopes(Scope.EntitiesRead)
    @ApiOkResponse({
      type: Page,
      description: `${record.name} records across the tenant's connections, each tagged with its source.`,
    })
    async list(
      @CurrentPrincipal() principal: Principal,
      @Query() query: ListEntitiesQuery,
      @Req() request: FastifyRequest,
    ) {
      const page = await this.reads.list(principal, entity, query);
      return { ...page, next: nextLink(request.url, page.cursor) };
    }

    @Get(`connections/:connectionId/${plural}`)
    @RequireScopes(Scope.EntitiesRead)
    @ApiOkResponse({ type: Page })
    async listOnConnection(
      @CurrentPrincipal() principal: Principal,
      @Param('connectionId', new ParseUUIDPipe({ version: '4' })) connectionId: string,
      @Query() query: ListEntitiesQuery,
      @Req() request: FastifyRequest,
    ) {
      const page = await this.reads.list(principal, entity, { ...query, connectionId });
      return { ...page, next: nextLink(request.url, page.cursor) };
    }

    @Get(`${plural}/:id`)
    @RequireScopes(Scope.EntitiesRead)
    @ApiOkResponse({ schema: enrichedRecordSchema(record) })
    get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: ReadModeQuery) {
      return this.reads.get(principal, entity, id, query);
    }

    @Post(`connections/:connectionId/${plural}`)
    @RequireScopes(Scope.EntitiesWrite)
    @ApiHeader(IDEMPOTENCY_HEADER)
    @ApiBody({ type: fields })
    @ApiCreatedResponse({ type: record, description: 'Created in the legacy system.' })
    create(
      @CurrentPrincipal() principal: Principal,
      @Param('connectionId', new ParseUUIDPipe({ version: '4' })) connectionId: string,
      @Body(bodyPipe) body: object,
      @Query() target: CreateTargetQuery,
      @Headers('idempotency-key') idempotencyKey?: string,
    ) {
      return this.writer.create(principal, entity, connectionId, body, idempotencyKey, target.sourceId);
    }

    @Patch(`${plural}/:id`)
    @RequireScopes(Scope.EntitiesWrite)
    @ApiHeader(IDEMPOTENCY_HEADER)
    @ApiBody({ type: Patch_ })
    @ApiOkResponse({ type: record, description: 'Updated in the legacy system.' })
    update(
      @CurrentPrincipal() principal: Principal,
      @Param('id') id: string,
      @Body(patchPipe) body: object,
      @Headers('idempotency-key') idempotencyKey?: string,
    ) {
      return this.writer.update(principal, entity, id, body, idempotencyKey);
    }
  }
  Object.defineProperty(EntityController, 'name', { value: `${record.name}Controller` });
  return EntityController;
}
