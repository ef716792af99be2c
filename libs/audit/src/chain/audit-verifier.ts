import { Injectable } from '@nestjs/common';
import type { TenantId } from '@trestle/auth';
import { AuditEventRepository } from './audit-event.repository';
import { eventHash, GENESIS_HASH } from './audit-hash';

export type ChainProblem = 'edited' | 'missing' | 'inserted' | 'reordered' | 'head_mismatch';

export interface VerificationResult {
  ok: boolean;
  checked: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** The first event where the chain breaks, and how. */
  failure?: { seq: number; problem: ChainProblem; detail: string };
}

/**
 * Walks a tenant's chain from its anchor to the head read at the start and reports the first
 * edited, missing, inserted or reordered event. Events appended while it walks belong to the next
 * verification.
 */
@Injectable()
export class AuditVerifier {
  constructor(private readonly events: AuditEventRepository) {}

  async verify(tenantId: TenantId): Promise<VerificationResult> {
    const head = await this.events.head(tenantId);
    let expectedSeq = (head?.anchorSeq ?? 0) + 1;
    let previousHash = head?.anchorSeq ? head.anchorHash : GENESIS_HASH;
    let checked = 0;
    let firstSeq: number | null = null;
    const result = (failure?: VerificationResult['failure']): VerificationResult => ({
      ok: failure === undefined,
      checked,
      firstSeq,
      lastSeq: checked > 0 ? expectedSeq - 1 : null,
      ...(failure && { failure }),
    });

    for await (const event of this.events.stream(tenantId, {})) {
      if (head && event.seq > head.seq) break;
      firstSeq ??= event.seq;
      if (event.seq !== expectedSeq) {
        const problem = event.seq > expectedSeq ? 'missing' : 'reordered';
        return result({ seq: expectedSeq, problem, detail: `expected event ${expectedSeq}, found ${event.seq}` });
      }
      if (event.prevHash !== previousHash) {
        const problem = eventHash(event) === event.hash ? 'inserted' : 'edited';
        return result({ seq: event.seq, problem, detail: 'the link to the previous event does not match' });
      }
      if (eventHash(event) !== event.hash) {
        return result({ seq: event.seq, problem: 'edited', detail: 'the event does not match its hash' });
      }
      previousHash = event.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (head && head.seq !== expectedSeq - 1) {
      return result({
        seq: expectedSeq,
        problem: 'missing',
        detail: `the chain head is at ${head.seq}, the events end at ${expectedSeq - 1}`,
      });
    }
    if (head && head.seq > 0 && head.hash !== previousHash) {
      return result({
        seq: head.seq,
        problem: 'head_mismatch',
        detail: 'the last event does not match the chain head',
      });
    }
    return result();
  }
}
