import { Inject, Injectable, Logger, BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { TenantId } from '@trestle/auth';
import { AppConfig } from '@trestle/core';
import { ReadinessRegistry } from '@trestle/observability';
import { randomUUID } from 'node:crypto';
import { cloudEventJson } from '../cloud-event';
import { ClaimedDelivery, DeliveryRepository } from '../deliveries/delivery.repository';
import type { OutboxEventEntity } from '../outbox/outbox-event.entity';
import { OutboxRepository } from '../outbox/outbox.repository';
import { OutboxSignal } from '../outbox/outbox-signal';
import { StreamSink } from '../sinks/stream.sink';
import { StreamDriver } from '../sinks/stream-driver';
import { WebhookSink } from '../sinks/webhook.sink';
import type { SubscriptionEntity } from '../subscriptions/subscription.entity';
import { SubscriptionRepository } from '../subscriptions/subscription.repository';
import { EventMetrics } from './event-metrics';
import { EventRouter, ROUTING_BATCH } from './event-router.service';
import { retryDelayMs } from './retry-backoff';

export const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

export interface EventsOptions {
  /** The process kind, for EVENTS_DISPATCH=auto: the worker dispatches when REDIS_URL is set, the hub otherwise. */
  role: 'hub' | 'worker';
}

const DUE_SUBSCRIPTIONS = 200;
const RETENTION_EVERY_MS = 3600_000;
const LEASE_MARGIN_MS = 5_000;

/**
 * Routes the outbox and delivers it. Each subscription with due work gets its own lane, so a slow
 * or failing consumer holds up only itself; within a lane, up to EVENTS_SUBSCRIPTION_CONCURRENCY
 * records are delivered at once, each record's events strictly one after another.
 */
@Injectable()
export class EventDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventDispatcher.name);
  private readonly lanes = new Map<string, Promise<void>>();
  private running = false;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private again = false;
  private lastRetention = Date.now();
  private unlisten?: () => void;

  constructor(
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
    private readonly config: AppConfig,
    private readonly router: EventRouter,
    private readonly deliveries: DeliveryRepository,
    private readonly outbox: OutboxRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly webhooks: WebhookSink,
    private readonly streams: StreamSink,
    private readonly stream: StreamDriver,
    private readonly signal: OutboxSignal,
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: EventMetrics,
  ) {}

  get dispatching(): boolean {
    const setting = this.config.eventsDispatch;
    if (setting !== 'auto') return setting === 'on';
    return this.options.role === 'worker' ? Boolean(this.config.redisUrl) : !this.config.redisUrl;
  }

  onApplicationBootstrap(): void {
    this.readiness.register('events', async () => ({
      up: true,
      details: { dispatching: this.running, stream: this.stream.kind, lanes: this.lanes.size },
    }));
    if (!this.dispatching) return;
    this.running = true;
    this.unlisten = this.signal.listen(() => this.soon());
    this.schedule(0);
    this.logger.log(`Dispatching change events (stream: ${this.stream.kind})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.unlisten?.();
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled(this.lanes.values());
    await this.stream.close();
  }

  /** One pass: route what is new, start a lane for every subscription with due work. Exposed for tests. */
  async tick(): Promise<void> {
    // A batch that was not full took all there was; what is appended meanwhile signals again.
    for (let routed = ROUTING_BATCH; this.running && routed === ROUTING_BATCH;) {
      routed = await this.router.routeBatch();
      this.metrics.routedEvents(routed);
    }
    const now = new Date().toISOString();
    for (const due of await this.deliveries.dueSubscriptions(now, DUE_SUBSCRIPTIONS)) {
      if (!this.running || this.lanes.has(due.subscriptionId)) continue;
      const lane = this.runLane(due.tenantId, due.subscriptionId).finally(() => {
        this.lanes.delete(due.subscriptionId);
      });
      this.lanes.set(due.subscriptionId, lane);
    }
    if (this.config.eventsRetentionDays > 0 && Date.now() - this.lastRetention > RETENTION_EVERY_MS) {
      this.lastRetention = Date.now();
      await this.purge();
    }
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), delayMs);
  }

  private soon(): void {
    if (this.ticking) this.again = true;
    else this.schedule(5);
  }

  private async loop(): Promise<void> {
    if (!this.running || this.ticking) return;
    this.again = false;
    this.ticking = this.tick()
      .catch((error: unknown) => this.logger.warn(`Event dispatch pass failed: ${describe(error)}`))
      .finally(() => {
        this.ticking = undefined;
      });
    await this.ticking;
    this.schedule(this.again ? 5 : this.config.eventsPollMs);
  }

  private async runLane(tenantId: TenantId, subscriptionId: string): Promise<void> {
    try {
      while (this.running) {
        const subscription = await this.subscriptions.get(tenantId, subscriptionId);
        if (!subscription?.enabled) return;
        const now = Date.now();
        const token = randomUUID();
        const leaseMs = this.config.eventsWebhookTimeoutMs * 2 + LEASE_MARGIN_MS;
        const claimed = await this.deliveries.claim(
          tenantId,
          subscriptionId,
          { now: new Date(now).toISOString(), until: new Date(now + leaseMs).toISOString(), token },
          this.config.eventsSubscriptionConcurrency,
        );
        if (claimed.length === 0) return;
        const events = new Map(
          (await this.outbox.bySeq(claimed.map((d) => d.eventSeq))).map((e) => [String(e.seq), e]),
        );
        await Promise.all(
          claimed.map((delivery) => this.deliverOne(subscription, delivery, events.get(delivery.eventSeq), token)),
        );
      }
    } catch (error) {
      this.logger.warn(`Deliveries of subscription ${subscriptionId} paused: ${describe(error)}`);
    }
  }

  private async deliverOne(
    subscription: SubscriptionEntity,
    delivery: ClaimedDelivery,
    event: OutboxEventEntity | undefined,
    token: string,
  ): Promise<void> {
    const tenantId = subscription.tenantId as TenantId;
    const started = performance.now();
    const result = event
      ? await (subscription.kind === 'stream' ? this.streams : this.webhooks).deliver(subscription, {
          body: cloudEventJson(event),
          id: event.id,
          type: event.type,
          tenantId: event.tenantId,
          entity: event.entity,
          orderingKey: event.orderingKey,
          deliveryId: delivery.id,
          attempt: delivery.attempts,
        })
      : { ok: false, status: null, error: 'the event is gone (retention)' };
    const now = new Date();
    const seconds = (performance.now() - started) / 1000;
    if (result.ok) {
      this.metrics.tried(subscription.kind, 'delivered', seconds);
      await this.deliveries.finish(tenantId, delivery.id, token, 'delivered', { ...result, now: now.toISOString() });
      return;
    }
    const dead = !event || delivery.attempts >= this.config.eventsMaxAttempts;
    const delay = retryDelayMs(delivery.attempts, this.config.eventsBackoffMs, this.config.eventsBackoffMaxMs);
    this.metrics.tried(subscription.kind, dead ? 'dead' : 'retry', seconds);
    await this.deliveries.finish(tenantId, delivery.id, token, dead ? 'dead' : 'pending', {
      ...result,
      now: now.toISOString(),
      nextAttemptAt: new Date(now.getTime() + (dead ? 0 : delay)).toISOString(),
    });
    if (dead) {
      this.logger.warn(
        `Delivery ${delivery.id} of event ${delivery.eventId} to subscription ${subscription.id} is a dead letter after ${delivery.attempts} tries: ${result.error}`,
      );
    }
  }

  private async purge(): Promise<void> {
    const cutoff = new Date(Date.now() - this.config.eventsRetentionDays * 86_400_000).toISOString();
    const deliveries = await this.deliveries.purgeDelivered(cutoff);
    const events = await this.outbox.purge(cutoff);
    if (deliveries + events > 0) this.logger.log(`Retention dropped ${events} events and ${deliveries} deliveries`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
