import { Injectable } from '@nestjs/common';
import { AppConfig } from '@trestle/core';
import type { SubscriptionEntity } from '../subscriptions/subscription.entity';
import type { EventSink, OutgoingEvent, SinkResult } from './event-sink';
import { StreamDriver } from './stream-driver';

/** NATS subject tokens cannot hold `.`; tenant ids may, and never hold `~`. */
function subjectToken(value: string): string {
  return value.replace(/\./g, '~');
}

/** `<prefix>.<tenant>.<type without its leading "trestle.">`, e.g. `trestle.acme.customer.updated`. */
export function streamSubject(prefix: string, tenantId: string, type: string): string {
  return `${prefix}.${subjectToken(tenantId)}.${type.replace(/^trestle\./, '')}`;
}

@Injectable()
export class StreamSink implements EventSink {
  constructor(
    private readonly driver: StreamDriver,
    private readonly config: AppConfig,
  ) {}

  async deliver(_: SubscriptionEntity, event: OutgoingEvent): Promise<SinkResult> {
    try {
      await this.driver.publish({
        subject: streamSubject(this.config.eventsStreamSubjectPrefix, event.tenantId, event.type),
        key: event.orderingKey,
        id: event.id,
        type: event.type,
        body: event.body,
      });
      return { ok: true, status: null, error: null };
    } catch (error) {
      return { ok: false, status: null, error: `${this.driver.kind} publish failed: ${describe(error)}` };
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : 'unknown';
}
