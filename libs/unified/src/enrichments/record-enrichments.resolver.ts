import { Optional, Type } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { CANONICAL_ENTITIES, CANONICAL_ENTITY_NAMES, CanonicalEntityName, RequireScopes, Scope } from '@trestle/core';
import { EnrichmentReader, EnrichmentResponse } from '@trestle/inference';
import DataLoader from 'dataloader';
import type { CanonicalRecord } from '../live/canonical-mapper';

type EnrichmentLoader = DataLoader<string, EnrichmentResponse[]>;

interface LoaderContext {
  enrichmentLoaders?: Map<string, EnrichmentLoader>;
}

/**
 * `<Entity>.enrichments(model)`: the newest output of each model and field about the record. One
 * loader per request, entity and model filter, so a page of records costs one query.
 */
export function recordEnrichmentsResolver(entity: CanonicalEntityName): Type<unknown> {
  const { record } = CANONICAL_ENTITIES[entity];

  @Resolver(() => record)
  class RecordEnrichmentsResolver {
    constructor(@Optional() readonly reader?: EnrichmentReader) {}

    @ResolveField(() => [EnrichmentResponse], {
      description: 'The newest output of each model and field about this record, newest first.',
    })
    @RequireScopes(Scope.EntitiesRead)
    enrichments(
      @Parent() parent: CanonicalRecord,
      @CurrentPrincipal() principal: Principal,
      @Context() context: LoaderContext,
      @Args('model', { type: () => String, nullable: true, description: 'Only this model.' }) model?: string,
    ): Promise<EnrichmentResponse[]> {
      context.enrichmentLoaders ??= new Map();
      const key = `${entity}\u0000${model ?? ''}`;
      let loader = context.enrichmentLoaders.get(key);
      if (!loader) {
        loader = new DataLoader<string, EnrichmentResponse[]>(async (ids) => {
          const found = await this.reader?.forRecords(principal.tenantId, entity, ids, model);
          return ids.map((id) => found?.get(id) ?? []);
        });
        context.enrichmentLoaders.set(key, loader);
      }
      return loader.load(parent.id);
    }
  }
  Object.defineProperty(RecordEnrichmentsResolver, 'name', { value: `${record.name}EnrichmentsResolver` });
  return RecordEnrichmentsResolver;
}

export const RECORD_ENRICHMENTS_RESOLVERS = CANONICAL_ENTITY_NAMES.map(recordEnrichmentsResolver);
