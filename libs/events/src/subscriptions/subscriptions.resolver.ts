import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import {
  EventDeliveryPageResponse,
  EventDeliveryResponse,
  EventReplayResponse,
  SubscriptionDeliveriesArgs,
} from '../deliveries/delivery.dto';
import { DeliveryService } from '../deliveries/delivery.service';
import {
  CreatedEventSubscriptionResponse,
  CreateEventSubscriptionDto,
  EventSubscriptionResponse,
} from './subscription.dto';
import { SubscriptionService } from './subscription.service';

@Resolver()
export class SubscriptionsResolver {
  constructor(
    private readonly subscriptions: SubscriptionService,
    private readonly deliveries: DeliveryService,
  ) {}

  @Query(() => [EventSubscriptionResponse])
  @RequireScopes(Scope.EventsAdmin)
  eventSubscriptions(@CurrentPrincipal() principal: Principal): Promise<EventSubscriptionResponse[]> {
    return this.subscriptions.list(principal);
  }

  @Query(() => EventDeliveryPageResponse)
  @RequireScopes(Scope.EventsAdmin)
  eventDeliveries(
    @CurrentPrincipal() principal: Principal,
    @Args() { subscriptionId, ...query }: SubscriptionDeliveriesArgs,
  ): Promise<EventDeliveryPageResponse> {
    return this.deliveries.list(principal, subscriptionId, query);
  }

  @Mutation(() => CreatedEventSubscriptionResponse)
  @RequireScopes(Scope.EventsAdmin)
  createEventSubscription(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateEventSubscriptionDto,
  ): Promise<CreatedEventSubscriptionResponse> {
    return this.subscriptions.create(principal, input);
  }

  @Mutation(() => EventSubscriptionResponse)
  @RequireScopes(Scope.EventsAdmin)
  setEventSubscriptionEnabled(
    @CurrentPrincipal() principal: Principal,
    @Args('id') id: string,
    @Args('enabled') enabled: boolean,
  ): Promise<EventSubscriptionResponse> {
    return this.subscriptions.update(principal, id, { enabled });
  }

  @Mutation(() => Boolean)
  @RequireScopes(Scope.EventsAdmin)
  async deleteEventSubscription(@CurrentPrincipal() principal: Principal, @Args('id') id: string): Promise<boolean> {
    await this.subscriptions.remove(principal, id);
    return true;
  }

  @Mutation(() => EventDeliveryResponse)
  @RequireScopes(Scope.EventsAdmin)
  replayEventDelivery(
    @CurrentPrincipal() principal: Principal,
    @Args('subscriptionId') subscriptionId: string,
    @Args('deliveryId') deliveryId: string,
  ): Promise<EventDeliveryResponse> {
    return this.deliveries.replay(principal, subscriptionId, deliveryId);
  }

  @Mutation(() => EventReplayResponse)
  @RequireScopes(Scope.EventsAdmin)
  replayEventDeadLetters(
    @CurrentPrincipal() principal: Principal,
    @Args('subscriptionId') subscriptionId: string,
  ): Promise<EventReplayResponse> {
    return this.deliveries.replayDead(principal, subscriptionId);
  }
}
