import { sha256 } from '@trestle/core';
import type { AuditEventEntity } from './audit-event.entity';

/** The chain starts from this value for every tenant. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = Omit<AuditEventEntity, 'hash'>;

/** SHA-256 over every field, in a fixed order, including the previous event's hash. */
export function eventHash(event: ChainedFields): string {
  return sha256(
    JSON.stringify([
      event.tenantId,
      event.seq,
      event.occurredAt,
      event.actor,
      event.action,
      event.resource,
      event.connectionId,
      event.requestId,
      event.outcome,
      event.status,
      event.durationMs,
      event.requestHash,
      event.responseHash,
      event.details,
      event.bodies,
      event.prevHash,
    ]),
  );
}
