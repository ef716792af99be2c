import { Injectable } from '@nestjs/common';
import { AppConfig, SecretBox } from '@trestle/core';
import { CLOUDEVENTS_CONTENT_TYPE } from '../cloud-event';
import type { SubscriptionEntity } from '../subscriptions/subscription.entity';
import type { EventSink, OutgoingEvent, SinkResult } from './event-sink';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';

const MAX_SAME_ORIGIN_REDIRECTS = 3;

/**
 * POSTs the CloudEvent, signed, and counts only a 2xx answer as delivered. A 307/308 to the same
 * origin is followed (a few times); any other redirect, an error or the timeout is a failed try.
 */
@Injectable()
export class WebhookSink implements EventSink {
  constructor(
    private readonly config: AppConfig,
    private readonly secretBox: SecretBox,
  ) {}

  async deliver(subscription: SubscriptionEntity, event: OutgoingEvent): Promise<SinkResult> {
    if (!subscription.url || !subscription.secretSealed) {
      return { ok: false, status: null, error: 'subscription has no url or secret' };
    }
    let secret: string;
    try {
      secret = this.secretBox.open(subscription.secretSealed, subscription.id);
    } catch {
      return { ok: false, status: null, error: 'the signing secret cannot be opened (SECRETS_KEY changed?)' };
    }
    const headers = {
      'content-type': CLOUDEVENTS_CONTENT_TYPE,
      'user-agent': 'Trestle-Webhooks/1',
      [SIGNATURE_HEADER]: signWebhook(secret, event.body, Math.floor(Date.now() / 1000)),
      'x-trestle-delivery': event.deliveryId,
      'x-trestle-attempt': String(event.attempt),
    };
    const signal = AbortSignal.timeout(this.config.eventsWebhookTimeoutMs);
    let url = new URL(subscription.url);
    try {
      for (let redirects = 0; ; redirects++) {
        const response = await fetch(url, { method: 'POST', headers, body: event.body, redirect: 'manual', signal });
        await response.body?.cancel().catch(() => undefined);
        if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, error: null };
        if (response.status < 300 || response.status >= 400) {
          return { ok: false, status: response.status, error: `answered ${response.status}` };
        }
        const location = response.headers.get('location');
        const next = location ? new URL(location, url) : undefined;
        if (![307, 308].includes(response.status) || !next || next.origin !== url.origin) {
          return {
            ok: false,
            status: response.status,
            error: `redirect ${response.status} not followed (only 307/308 to the same origin are)`,
          };
        }
        if (redirects >= MAX_SAME_ORIGIN_REDIRECTS) {
          return { ok: false, status: response.status, error: 'too many redirects' };
        }
        url = next;
      }
    } catch (error) {
      const timedOut = signal.aborted;
      return {
        ok: false,
        status: null,
        error: timedOut
          ? `no answer within ${this.config.eventsWebhookTimeoutMs} ms`
          : `request failed: ${describe(error)}`,
      };
    }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
