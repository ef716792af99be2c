import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@trestle/core';
import { DeliveryEntity } from './deliveries/delivery.entity';
import { DeliveryRepository } from './deliveries/delivery.repository';
import { DeliveryService } from './deliveries/delivery.service';
import { EventDispatcher, EVENTS_OPTIONS, EventsOptions } from './dispatch/event-dispatcher.service';
import { EventMetrics } from './dispatch/event-metrics';
import { EventRouter } from './dispatch/event-router.service';
import { ChangeOutbox } from './outbox/change-outbox.repository';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import { OutboxSignal } from './outbox/outbox-signal';
import { OutboxRepository } from './outbox/outbox.repository';
import { UnroutedEventEntity } from './outbox/unrouted-event.entity';
import { NoStreamDriver, StreamDriver } from './sinks/stream-driver';
import { StreamSink } from './sinks/stream.sink';
import { WebhookSink } from './sinks/webhook.sink';
import { SubscriptionEntity } from './subscriptions/subscription.entity';
import { SubscriptionRepository } from './subscriptions/subscription.repository';
import { SubscriptionService } from './subscriptions/subscription.service';
import { EventsController, SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsResolver } from './subscriptions/subscriptions.resolver';

export const EVENTS_ENTITIES = [OutboxEventEntity, UnroutedEventEntity, SubscriptionEntity, DeliveryEntity];

/** The stream clients load only when configured: a hub without a stream does not pay for them at boot. */
export async function createStreamDriver(config: AppConfig): Promise<StreamDriver> {
  switch (config.eventsStreamDriver) {
    case 'nats': {
      const { NatsStreamDriver } = await import('./sinks/nats-stream.driver');
      return new NatsStreamDriver({
        servers: config.eventsNatsUrl ?? '',
        stream: config.eventsNatsStream,
        subjectPrefix: config.eventsStreamSubjectPrefix,
        publishTimeoutMs: config.eventsWebhookTimeoutMs,
      });
    }
    case 'kafka': {
      const { kafkaProducer, KafkaStreamDriver } = await import('./sinks/kafka-stream.driver');
      return new KafkaStreamDriver(kafkaProducer(config), config.eventsKafkaTopic);
    }
    default:
      return new NoStreamDriver();
  }
}

/**
 * Change events out: an outbox written with each change, routed to the tenants' subscriptions and
 * delivered as CloudEvents to signed webhooks and a stream (NATS JetStream or Kafka).
 */
@Module({})
export class EventsModule {
  static forRoot(options: EventsOptions): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      imports: [TypeOrmModule.forFeature(EVENTS_ENTITIES)],
      controllers: options.role === 'hub' ? [SubscriptionsController, EventsController] : [],
      providers: [
        { provide: EVENTS_OPTIONS, useValue: options },
        { provide: StreamDriver, inject: [AppConfig], useFactory: createStreamDriver },
        OutboxSignal,
        ChangeOutbox,
        OutboxRepository,
        SubscriptionRepository,
        DeliveryRepository,
        SubscriptionService,
        DeliveryService,
        EventRouter,
        WebhookSink,
        StreamSink,
        EventMetrics,
        EventDispatcher,
        ...(options.role === 'hub' ? [SubscriptionsResolver] : []),
      ],
      exports: [ChangeOutbox],
    };
  }
}
