import type { SubscriptionEntity } from '../subscriptions/subscription.entity';

export interface OutgoingEvent {
  /** Structured-mode CloudEvents JSON: the exact bytes sent. */
  body: string;
  id: string;
  type: string;
  tenantId: string;
  entity: string | null;
  orderingKey: string;
  deliveryId: string;
  attempt: number;
}

export interface SinkResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** Delivers one event to one subscription's destination; never throws, reports instead. */
export interface EventSink {
  deliver(subscription: SubscriptionEntity, event: OutgoingEvent): Promise<SinkResult>;
}
