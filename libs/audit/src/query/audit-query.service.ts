import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { invalidCursor, ProblemException } from '@trestle/core';
import { AuditEventEntity } from '../chain/audit-event.entity';
import { AuditEventRepository } from '../chain/audit-event.repository';
import { AuditVerifier } from '../chain/audit-verifier';
import { AuditEventPage, AuditEventResponse, AuditListQuery, VerificationResponse } from './audit.dto';

const DEFAULT_LIMIT = 100;

@Injectable()
export class AuditQueryService {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly verifier: AuditVerifier,
  ) {}

  async list(principal: Principal, query: AuditListQuery): Promise<AuditEventPage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.events.list(principal.tenantId, query, decodeCursor(query.cursor), limit + 1);
    const page = rows.slice(0, limit);
    return {
      data: page.map(toResponse),
      cursor: rows.length > limit ? Buffer.from(String(page[page.length - 1].seq)).toString('base64url') : null,
    };
  }

  async get(principal: Principal, seq: number): Promise<AuditEventResponse> {
    const event = await this.events.get(principal.tenantId, seq);
    if (!event) throw ProblemException.notFound('Audit event', String(seq));
    return toResponse(event);
  }

  verify(principal: Principal): Promise<VerificationResponse> {
    return this.verifier.verify(principal.tenantId);
  }
}

export function toResponse(event: AuditEventEntity): AuditEventResponse {
  return {
    ...event,
    details: event.details ? (JSON.parse(event.details) as Record<string, unknown>) : null,
    bodies: event.bodies ? (JSON.parse(event.bodies) as Record<string, unknown>) : null,
  };
}

function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const seq = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(seq) || seq < 1) throw invalidCursor();
  return seq;
}
