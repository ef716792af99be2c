import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { randomUUID } from 'node:crypto';
import { FindOptionsWhere, In, LessThan, Repository } from 'typeorm';
import { InferenceDeadLetterEntity, InferenceDeadLetterStatus } from './inference-dead-letter.entity';

export interface NewInferenceDeadLetter {
  entity: string;
  recordId: string;
  connectionId: string | null;
  model: string;
  modelVersion: string;
  code: string;
  reason: string;
  attempts: number;
  inputHash: string | null;
  jobId: string | null;
}

export interface InferenceDeadLetterFilter {
  status?: InferenceDeadLetterStatus;
  entity?: string;
  model?: string;
  connectionId?: string;
  /** Keyset: only letters created before this (createdAt, id). */
  before?: { createdAt: string; id: string };
  limit: number;
}

const COLUMNS = [
  'id',
  'tenant_id',
  'entity',
  'record_id',
  'connection_id',
  'model',
  'model_version',
  'code',
  'reason',
  'attempts',
  'input_hash',
  'job_id',
  'status',
  'occurrences',
  'created_at',
  'updated_at',
] as const;

const UPSERT_CHUNK = 100;

@Injectable()
export class InferenceDeadLetterRepository {
  constructor(
    @InjectRepository(InferenceDeadLetterEntity) private readonly letters: Repository<InferenceDeadLetterEntity>,
  ) {}

  get(tenantId: TenantId, id: string): Promise<InferenceDeadLetterEntity | null> {
    return this.letters.findOneBy({ tenantId, id });
  }

  getMany(tenantId: TenantId, ids: string[]): Promise<InferenceDeadLetterEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.letters.findBy({ tenantId, id: In(ids) });
  }

  /** Newest first. */
  list(tenantId: TenantId, filter: InferenceDeadLetterFilter): Promise<InferenceDeadLetterEntity[]> {
    const base: FindOptionsWhere<InferenceDeadLetterEntity> = {
      tenantId,
      ...(filter.status && { status: filter.status }),
      ...(filter.entity && { entity: filter.entity }),
      ...(filter.model && { model: filter.model }),
      ...(filter.connectionId && { connectionId: filter.connectionId }),
    };
    const where = filter.before
      ? [
          { ...base, createdAt: LessThan(filter.before.createdAt) },
          { ...base, createdAt: filter.before.createdAt, id: LessThan(filter.before.id) },
        ]
      : base;
    return this.letters.find({ where, order: { createdAt: 'DESC', id: 'DESC' }, take: filter.limit });
  }

  /**
   * One open letter per record and model version: a record failing again updates its letter (reason,
   * occurrences) and reopens it.
   */
  async upsert(tenantId: TenantId, letters: NewInferenceDeadLetter[]): Promise<void> {
    const now = new Date().toISOString();
    const postgres = this.letters.manager.connection.options.type === 'postgres';
    const unique = [
      ...new Map(
        letters.map((l) => [`${l.entity}\u0000${l.recordId}\u0000${l.model}\u0000${l.modelVersion}`, l]),
      ).values(),
    ];
    for (let start = 0; start < unique.length; start += UPSERT_CHUNK) {
      const chunk = unique.slice(start, start + UPSERT_CHUNK);
      let index = 0;
      const row = () => `(${COLUMNS.map(() => (postgres ? `$${++index}` : '?')).join(', ')})`;
      const rows = chunk.map(row).join(', ');
      await this.letters.query(
        `INSERT INTO inference_dead_letters (${COLUMNS.join(', ')}) VALUES ${rows} ` +
          'ON CONFLICT (tenant_id, entity, record_id, model, model_version) DO UPDATE SET ' +
          'code = excluded.code, reason = excluded.reason, attempts = excluded.attempts, ' +
          'input_hash = excluded.input_hash, job_id = excluded.job_id, connection_id = excluded.connection_id, ' +
          "status = 'open', occurrences = inference_dead_letters.occurrences + 1, updated_at = excluded.updated_at",
        chunk.flatMap((letter) => [
          randomUUID(),
          tenantId,
          letter.entity,
          letter.recordId,
          letter.connectionId,
          letter.model,
          letter.modelVersion,
          letter.code,
          letter.reason,
          letter.attempts,
          letter.inputHash,
          letter.jobId,
          'open',
          1,
          now,
          now,
        ]),
      );
    }
  }

  async settle(
    tenantId: TenantId,
    id: string,
    changes: { status: InferenceDeadLetterStatus; code?: string; reason?: string; attempts?: number },
  ): Promise<void> {
    await this.letters.update(
      { tenantId, id },
      {
        status: changes.status,
        ...(changes.code !== undefined && { code: changes.code }),
        ...(changes.reason !== undefined && { reason: changes.reason }),
        ...(changes.attempts !== undefined && { attempts: changes.attempts }),
        updatedAt: new Date().toISOString(),
      },
    );
  }
}
