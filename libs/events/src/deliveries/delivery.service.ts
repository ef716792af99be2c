import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { ProblemException } from '@trestle/core';
import { cloudEventJson, sequenceOf } from '../cloud-event';
import { OutboxRepository } from '../outbox/outbox.repository';
import { OutboxSignal } from '../outbox/outbox-signal';
import { SubscriptionService } from '../subscriptions/subscription.service';
import {
  EventDeliveryDetailResponse,
  EventDeliveryPageResponse,
  EventDeliveryResponse,
  EventPageResponse,
  ListDeliveriesQuery,
  ListEventsQuery,
  EventReplayResponse,
} from './delivery.dto';
import { DeliveryEntity } from './delivery.entity';
import { DeliveryRepository } from './delivery.repository';

/** What was delivered where: deliveries and dead letters per subscription, replay, the tenant's event log. */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly outbox: OutboxRepository,
    private readonly subscriptions: SubscriptionService,
    private readonly signal: OutboxSignal,
  ) {}

  async list(
    principal: Principal,
    subscriptionId: string,
    query: ListDeliveriesQuery,
  ): Promise<EventDeliveryPageResponse> {
    await this.subscriptions.require(principal, subscriptionId);
    const limit = query.limit ?? 50;
    const rows = await this.deliveries.list(principal.tenantId, subscriptionId, {
      status: query.status,
      beforeSeq: query.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      data: page.map(toResponse),
      cursor: rows.length > limit ? String(page[page.length - 1].eventSeq) : null,
    };
  }

  async get(principal: Principal, subscriptionId: string, id: string): Promise<EventDeliveryDetailResponse> {
    const delivery = await this.require(principal, subscriptionId, id);
    const [event] = await this.outbox.bySeq([String(delivery.eventSeq)]);
    return {
      ...toResponse(delivery),
      event: event ? (JSON.parse(cloudEventJson(event)) as Record<string, unknown>) : null,
    };
  }

  /** Puts one dead letter back in line (tries reset); it goes out after any earlier pending event of its record. */
  async replay(principal: Principal, subscriptionId: string, id: string): Promise<EventDeliveryResponse> {
    const delivery = await this.require(principal, subscriptionId, id);
    if (delivery.status !== 'dead') {
      throw ProblemException.conflict(`Delivery '${id}' is ${delivery.status}; only dead letters are replayed.`);
    }
    await this.deliveries.replay(principal.tenantId, subscriptionId, new Date().toISOString(), [id]);
    this.signal.appended();
    return toResponse(await this.require(principal, subscriptionId, id));
  }

  async replayDead(principal: Principal, subscriptionId: string): Promise<EventReplayResponse> {
    await this.subscriptions.require(principal, subscriptionId);
    const replayed = await this.deliveries.replay(principal.tenantId, subscriptionId, new Date().toISOString());
    this.signal.appended();
    return { replayed };
  }

  /** The tenant's events in order, for a consumer catching up on what it missed. */
  async events(principal: Principal, query: ListEventsQuery): Promise<EventPageResponse> {
    const limit = query.limit ?? 100;
    const events = await this.outbox.listOfTenant(principal.tenantId, query.after, limit);
    return {
      data: events.map((event) => JSON.parse(cloudEventJson(event)) as Record<string, unknown>),
      next: events.length === limit ? String(events[events.length - 1].seq) : null,
    };
  }

  private async require(principal: Principal, subscriptionId: string, id: string): Promise<DeliveryEntity> {
    await this.subscriptions.require(principal, subscriptionId);
    const delivery = await this.deliveries.get(principal.tenantId, subscriptionId, id);
    if (!delivery) throw ProblemException.notFound('Delivery', id);
    return delivery;
  }
}

function toResponse(delivery: DeliveryEntity): EventDeliveryResponse {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    sequence: sequenceOf(delivery.eventSeq),
    orderingKey: delivery.orderingKey,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
    lastError: delivery.lastError,
    lastStatus: delivery.lastStatus,
    deliveredAt: delivery.deliveredAt,
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
  };
}
