import { Type } from '@nestjs/common';
import {
  Args,
  Context,
  InputType,
  Mutation,
  PartialType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import {
  CANONICAL_ENTITIES,
  CanonicalEntityName,
  createValidationPipe,
  Customer,
  Order,
  RequireScopes,
  Scope,
} from '@trestle/core';
import { EntityReadService } from '../entity-read.service';
import type { CanonicalRecord } from '../live/canonical-mapper';
import { ListEntitiesQuery } from '../live/list-entities.query';
import { RecordWriter } from '../live/record-writer';
import { createCustomerLoader } from './customer-loader';
import { recordConnectionType } from './record-connection';

const capitalized = (name: string) => `${name[0].toUpperCase()}${name.slice(1)}`;

/** GraphQL queries and mutations of one canonical entity, mirroring its REST endpoints. */
export function entityResolver(entity: CanonicalEntityName): Type<unknown> {
  const { plural, record, fields } = CANONICAL_ENTITIES[entity];
  const List = recordConnectionType(record);
  const inputPipe = createValidationPipe(fields);
  @InputType(`${record.name}PatchInput`)
  class PatchInput extends PartialType(fields as Type<object>, InputType) {}
  const patchPipe = createValidationPipe(PatchInput);

  @Resolver(() => record)
  class EntityResolver {
    constructor(
      readonly reads: EntityReadService,
      readonly writer: RecordWriter,
    ) {}

    @Query(() => List, { name: plural })
    @RequireScopes(Scope.EntitiesRead)
    async list(@CurrentPrincipal() principal: Principal, @Args() query: ListEntitiesQuery) {
      const page = await this.reads.list(principal, entity, query);
      return { nodes: page.data, cursor: page.cursor, mode: page.mode, warnings: page.warnings };
    }

    @Query(() => record, { name: entity })
    @RequireScopes(Scope.EntitiesRead)
    get(
      @CurrentPrincipal() principal: Principal,
      @Args('id') id: string,
      @Args('mode', { type: () => String, nullable: true }) mode?: 'live' | 'store',
    ) {
      return this.reads.get(principal, entity, id, mode);
    }

    @Mutation(() => record, { name: `create${capitalized(entity)}` })
    @RequireScopes(Scope.EntitiesWrite)
    create(
      @CurrentPrincipal() principal: Principal,
      @Args('connectionId') connectionId: string,
      @Args('input', { type: () => fields }, inputPipe) input: object,
      @Args('idempotencyKey', { type: () => String, nullable: true }) idempotencyKey?: string,
      @Args('sourceId', {
        type: () => String,
        nullable: true,
        description: "The new record's key, where the caller assigns it.",
      })
      sourceId?: string,
    ) {
      return this.writer.create(principal, entity, connectionId, input, idempotencyKey, sourceId);
    }

    @Mutation(() => record, { name: `update${capitalized(entity)}` })
    @RequireScopes(Scope.EntitiesWrite)
    update(
      @CurrentPrincipal() principal: Principal,
      @Args('id') id: string,
      @Args('input', { type: () => PatchInput }, patchPipe) input: object,
      @Args('idempotencyKey', { type: () => String, nullable: true }) idempotencyKey?: string,
    ) {
      return this.writer.update(principal, entity, id, input, idempotencyKey);
    }
  }
  Object.defineProperty(EntityResolver, 'name', { value: `${record.name}Resolver` });
  return EntityResolver;
}

/** `Order.customer`: joined already by store reads; otherwise the customer from the same system, batched per request. */
@Resolver(() => Order)
export class OrderCustomerResolver {
  constructor(private readonly reads: EntityReadService) {}

  @ResolveField(() => Customer, { nullable: true })
  @RequireScopes(Scope.EntitiesRead)
  customer(
    @Parent() order: CanonicalRecord & { customerSourceId?: string; customer?: CanonicalRecord | null },
    @CurrentPrincipal() principal: Principal,
    @Context() context: { customerLoader?: ReturnType<typeof createCustomerLoader> },
  ) {
    if (order.customer !== undefined) return order.customer;
    if (!order.customerSourceId) return null;
    context.customerLoader ??= createCustomerLoader(this.reads, principal);
    return context.customerLoader.load({
      connectionId: order.source.connectionId,
      customerSourceId: order.customerSourceId,
    });
  }
}
