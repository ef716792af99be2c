import type { AuditEventEntity } from './audit-event.entity';
import { eventHash, GENESIS_HASH } from './audit-hash';

export type UnchainedEvent = Omit<AuditEventEntity, 'seq' | 'prevHash' | 'hash'>;

/** The newest event of a tenant's chain, as far as an append needs it. */
export interface ChainTip {
  seq: number;
  hash: string;
  occurredAt: string;
}

export const EMPTY_TIP: ChainTip = { seq: 0, hash: GENESIS_HASH, occurredAt: '' };

/**
 * Links events onto `tip` in order. An event never carries an earlier time than the one before it
 * (a writer whose clock is behind takes its predecessor's time), so on every tenant's chain time
 * order is sequence order and cutting by time cuts a prefix of the chain.
 */
export function extendChain(tip: ChainTip, events: UnchainedEvent[]): AuditEventEntity[] {
  let { seq, hash, occurredAt } = tip;
  return events.map((event) => {
    occurredAt = event.occurredAt > occurredAt ? event.occurredAt : occurredAt;
    // Listed field by field: a row built by spreading the event hashes several times slower.
    const row: AuditEventEntity = {
      tenantId: event.tenantId,
      seq: seq + 1,
      occurredAt,
      actor: event.actor,
      action: event.action,
      resource: event.resource,
      connectionId: event.connectionId,
      requestId: event.requestId,
      outcome: event.outcome,
      status: event.status,
      durationMs: event.durationMs,
      requestHash: event.requestHash,
      responseHash: event.responseHash,
      details: event.details,
      bodies: event.bodies,
      prevHash: hash,
      hash: '',
    };
    row.hash = eventHash(row);
    seq = row.seq;
    hash = row.hash;
    return row;
  });
}

export function tipOf(rows: AuditEventEntity[], fallback: ChainTip): ChainTip {
  const last = rows[rows.length - 1];
  return last ? { seq: last.seq, hash: last.hash, occurredAt: last.occurredAt } : fallback;
}
