import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import type { FieldError } from '@trestle/core';
import { FindOptionsWhere, LessThan, Repository } from 'typeorm';
import { DeadLetterEntity, DeadLetterStatus } from './dead-letter.entity';

export interface NewDeadLetter {
  connectionId: string;
  entity: string;
  sourceId: string | null;
  syncRunId: string | null;
  stage: DeadLetterEntity['stage'];
  reason: string;
  errors: FieldError[];
  /** Stable JSON of the source record. */
  raw: string;
  rawHash: string;
}

export interface DeadLetterFilter {
  status?: DeadLetterStatus;
  connectionId?: string;
  entity?: string;
  syncRunId?: string;
  /** Keyset: only letters created before this (createdAt, id). */
  before?: { createdAt: string; id: string };
  limit: number;
}

@Injectable()
export class DeadLetterRepository {
  constructor(@InjectRepository(DeadLetterEntity) private readonly letters: Repository<DeadLetterEntity>) {}

  get(tenantId: TenantId, id: string): Promise<DeadLetterEntity | null> {
    return this.letters.findOneBy({ tenantId, id });
  }

  list(tenantId: TenantId, filter: DeadLetterFilter): Promise<DeadLetterEntity[]> {
    const base: FindOptionsWhere<DeadLetterEntity> = {
      tenantId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.connectionId ? { connectionId: filter.connectionId } : {}),
      ...(filter.entity ? { entity: filter.entity } : {}),
      ...(filter.syncRunId ? { syncRunId: filter.syncRunId } : {}),
    };
    const where = filter.before
      ? [
          { ...base, createdAt: LessThan(filter.before.createdAt) },
          { ...base, createdAt: filter.before.createdAt, id: LessThan(filter.before.id) },
        ]
      : base;
    return this.letters.find({ where, order: { createdAt: 'DESC', id: 'DESC' }, take: filter.limit });
  }

  async settle(
    tenantId: TenantId,
    id: string,
    changes: { status: DeadLetterStatus; recordId?: string | null; reason?: string; errors?: FieldError[] },
  ): Promise<void> {
    await this.letters.update(
      { tenantId, id },
      {
        status: changes.status,
        ...(changes.recordId !== undefined ? { recordId: changes.recordId } : {}),
        ...(changes.reason !== undefined ? { reason: changes.reason } : {}),
        ...(changes.errors !== undefined ? { errors: JSON.stringify(changes.errors) } : {}),
        updatedAt: new Date().toISOString(),
      },
    );
  }
}
