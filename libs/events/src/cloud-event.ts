import type { OutboxEventEntity } from './outbox/outbox-event.entity';

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

const SEQUENCE_DIGITS = 20;

/** Lexicographically ordered, as the CloudEvents sequence extension asks. */
export function sequenceOf(seq: string | number): string {
  return String(seq).padStart(SEQUENCE_DIGITS, '0');
}

/**
 * The structured-mode CloudEvents 1.0 JSON of an outbox row. Built the same way from the same
 * row every time, so every try and every subscription gets the very same bytes.
 */
export function cloudEventJson(event: OutboxEventEntity): string {
  const source = event.connectionId
    ? `/tenants/${event.tenantId}/connections/${event.connectionId}`
    : `/tenants/${event.tenantId}`;
  const attributes: Record<string, string> = {
    specversion: '1.0',
    id: event.id,
    source,
    type: event.type,
    subject: event.subject,
    time: event.time,
    datacontenttype: 'application/json',
    tenant: event.tenantId,
    ...(event.entity ? { entity: event.entity } : {}),
    ...(event.connectionId ? { connectionid: event.connectionId } : {}),
    partitionkey: event.orderingKey,
    sequence: sequenceOf(event.seq),
  };
  return `${JSON.stringify(attributes).slice(0, -1)},"data":${event.data}}`;
}
