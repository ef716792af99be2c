import { Injectable } from '@nestjs/common';
import { TenantId } from '@trestle/auth';
import { OutboxRepository, PlannedDelivery, RoutedEvent } from '../outbox/outbox.repository';
import { matchesFilter, SubscriptionFilter } from '../subscriptions/subscription-filter';
import { SubscriptionRepository } from '../subscriptions/subscription.repository';

export const ROUTING_BATCH = 500;

/** Fans new outbox events out to the enabled subscriptions of their tenant that match them. */
@Injectable()
export class EventRouter {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  /** Routes one batch; returns how many events it took (0: nothing new, or another process is routing). */
  async routeBatch(): Promise<number> {
    const routed = await this.outbox.route(ROUTING_BATCH, (events) => this.plan(events));
    return routed?.events ?? 0;
  }

  private async plan(events: RoutedEvent[]): Promise<PlannedDelivery[]> {
    const tenants = [...new Set(events.map((event) => event.tenantId as TenantId))];
    const subscriptions = (await this.subscriptions.enabledOf(tenants)).map((subscription) => ({
      subscription,
      filter: {
        entities: JSON.parse(subscription.entities),
        connectionIds: JSON.parse(subscription.connectionIds),
        types: JSON.parse(subscription.types),
      } as SubscriptionFilter,
    }));
    const planned: PlannedDelivery[] = [];
    for (const event of events) {
      for (const { subscription, filter } of subscriptions) {
        if (subscription.tenantId === event.tenantId && matchesFilter(filter, event)) {
          planned.push({ tenantId: event.tenantId, subscriptionId: subscription.id, event });
        }
      }
    }
    return planned;
  }
}
