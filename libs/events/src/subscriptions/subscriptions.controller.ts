import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import {
  EventDeliveryDetailResponse,
  EventDeliveryPageResponse,
  EventDeliveryResponse,
  EventPageResponse,
  ListDeliveriesQuery,
  ListEventsQuery,
  EventReplayResponse,
} from '../deliveries/delivery.dto';
import { DeliveryService } from '../deliveries/delivery.service';
import {
  CreatedEventSubscriptionResponse,
  CreateEventSubscriptionDto,
  EventSubscriptionResponse,
  EventSubscriptionSecretResponse,
  UpdateEventSubscriptionDto,
} from './subscription.dto';
import { SubscriptionService } from './subscription.service';

const SubscriptionId = () => Param('id', new ParseUUIDPipe({ version: '4' }));
const DeliveryId = () => Param('deliveryId', new ParseUUIDPipe({ version: '4' }));

@ApiTags('events')
@ApiNotFoundResponse({ description: 'No such subscription (or delivery) in the caller tenant (problem+json).' })
@Controller('v1/events/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionService,
    private readonly deliveries: DeliveryService,
  ) {}

  @Get()
  @RequireScopes(Scope.EventsAdmin)
  @ApiOkResponse({ type: EventSubscriptionResponse, isArray: true })
  list(@CurrentPrincipal() principal: Principal): Promise<EventSubscriptionResponse[]> {
    return this.subscriptions.list(principal);
  }

  @Post()
  @RequireScopes(Scope.EventsAdmin)
  @ApiCreatedResponse({
    type: CreatedEventSubscriptionResponse,
    description: 'The webhook secret is in this answer only.',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateEventSubscriptionDto,
  ): Promise<CreatedEventSubscriptionResponse> {
    return this.subscriptions.create(principal, dto);
  }

  @Get(':id')
  @RequireScopes(Scope.EventsAdmin)
  @ApiOkResponse({ type: EventSubscriptionResponse })
  get(@CurrentPrincipal() principal: Principal, @SubscriptionId() id: string): Promise<EventSubscriptionResponse> {
    return this.subscriptions.get(principal, id);
  }

  @Patch(':id')
  @RequireScopes(Scope.EventsAdmin)
  @ApiOkResponse({ type: EventSubscriptionResponse })
  update(
    @CurrentPrincipal() principal: Principal,
    @SubscriptionId() id: string,
    @Body() dto: UpdateEventSubscriptionDto,
  ): Promise<EventSubscriptionResponse> {
    return this.subscriptions.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes(Scope.EventsAdmin)
  @ApiNoContentResponse({ description: 'Deleted, with its queued deliveries and dead letters.' })
  remove(@CurrentPrincipal() principal: Principal, @SubscriptionId() id: string): Promise<void> {
    return this.subscriptions.remove(principal, id);
  }

  @Post(':id/secret')
  @HttpCode(200)
  @RequireScopes(Scope.EventsAdmin)
  @ApiOkResponse({ type: EventSubscriptionSecretResponse, description: 'A new webhook secret, effective at once.' })
  rotateSecret(
    @CurrentPrincipal() principal: Principal,
    @SubscriptionId() id: string,
  ): Promise<EventSubscriptionSecretResponse> {
    return this.subscriptions.rotateSecret(principal, id);
  }

  @Get(':id/deliveries')
  @RequireScopes(Scope.EventsAdmin)
  @ApiOkResponse({
    type: EventDeliveryPageResponse,
    description: 'Newest event first; `status=dead` lists dead letters.',
  })
  deliveriesOf(
    @CurrentPrincipal() principal: Principal,
    @SubscriptionId() id: string,
    @Query() query: ListDeliveriesQuery,
  ): Promise<EventDeliveryPageResponse> {
    return this.deliveries.list(principal, id, query);
  }

  @Get(':id/deliveries/:deliveryId')
  @RequireScopes(Scope.EventsAdmin)
  @ApiOkResponse({ type: EventDeliveryDetailResponse })
  delivery(
    @CurrentPrincipal() principal: Principal,
    @SubscriptionId() id: string,
    @DeliveryId() deliveryId: string,
  ): Promise<EventDeliveryDetailResponse> {
    return this.deliveries.get(principal, id, deliveryId);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(200)
  @RequireScopes(Scope.EventsAdmin)
  @ApiOkResponse({ type: EventDeliveryResponse, description: 'The dead letter, pending again with its tries reset.' })
  replay(
    @CurrentPrincipal() principal: Principal,
    @SubscriptionId() id: string,
    @DeliveryId() deliveryId: string,
  ): Promise<EventDeliveryResponse> {
    return this.deliveries.replay(principal, id, deliveryId);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequireScopes(Scope.EventsAdmin)
  @ApiOkResponse({ type: EventReplayResponse, description: 'Every dead letter of the subscription, back in line.' })
  replayDead(@CurrentPrincipal() principal: Principal, @SubscriptionId() id: string): Promise<EventReplayResponse> {
    return this.deliveries.replayDead(principal, id);
  }
}

@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly deliveries: DeliveryService) {}

  @Get()
  @RequireScopes(Scope.EventsAdmin)
  @ApiOkResponse({ type: EventPageResponse, description: "The tenant's events as CloudEvents, oldest first." })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListEventsQuery): Promise<EventPageResponse> {
    return this.deliveries.events(principal, query);
  }
}
