import { Injectable, Optional } from '@nestjs/common';
import type { Principal, TenantId } from '@trestle/auth';
import {
  CanonicalEntityName,
  createdAtPage,
  decodeCreatedAtCursor,
  isCanonicalEntity,
  ProblemException,
} from '@trestle/core';
import { StoreReader, StoredRecord } from '@trestle/pipeline';
import type { InferenceError } from '../inference-error';
import { InferenceService } from '../inference.service';
import {
  InferenceDeadLetterPageResponse,
  InferenceDeadLetterResponse,
  InferenceReplayResponse,
  ListInferenceDeadLettersQuery,
  ReplayInferenceDeadLettersDto,
} from './inference-dead-letter.dto';
import type { InferenceDeadLetterEntity } from './inference-dead-letter.entity';
import { InferenceDeadLetterRepository, NewInferenceDeadLetter } from './inference-dead-letter.repository';

export interface FailedInference {
  recordId: string;
  model: string;
  version: string;
  error: InferenceError;
  inputHash?: string;
}

const MISSING_RECORD = 'record_missing';

/**
 * Records the pipeline could not score after the retries: kept per record and model version with the
 * reason, listed, replayed (scored again now, one by one or in bulk) and discarded.
 */
@Injectable()
export class InferenceDeadLetterService {
  constructor(
    private readonly letters: InferenceDeadLetterRepository,
    private readonly inference: InferenceService,
    @Optional() private readonly store?: StoreReader,
  ) {}

  async deadLetter(
    tenantId: TenantId,
    entity: CanonicalEntityName,
    failures: FailedInference[],
    origin: { connectionId?: string; jobId?: string } = {},
  ): Promise<void> {
    await this.letters.upsert(
      tenantId,
      failures.map((failure) => toNewLetter(entity, failure, origin.connectionId ?? null, origin.jobId ?? null)),
    );
  }

  async list(principal: Principal, query: ListInferenceDeadLettersQuery): Promise<InferenceDeadLetterPageResponse> {
    const limit = query.limit ?? 50;
    const rows = await this.letters.list(principal.tenantId, {
      status: query.status ?? 'open',
      entity: query.entity,
      model: query.model,
      connectionId: query.connectionId,
      before: decodeCreatedAtCursor(query.cursor),
      limit: limit + 1,
    });
    return createdAtPage(rows, limit, toResponse);
  }

  async get(principal: Principal, id: string): Promise<InferenceDeadLetterResponse> {
    return toResponse(await this.require(principal, id));
  }

  /** Scores the letter's record again now; `replayed` when its enrichment is stored. */
  async replay(principal: Principal, id: string): Promise<InferenceReplayResponse> {
    const letter = await this.require(principal, id);
    if (letter.status !== 'open') throw ProblemException.conflict(`Dead letter '${id}' is ${letter.status} already.`);
    return this.replayLetters(principal, [letter]);
  }

  /** Replays the newest open letters (optionally of one entity or model) in one go, micro-batched. */
  async replayMany(principal: Principal, dto: ReplayInferenceDeadLettersDto): Promise<InferenceReplayResponse> {
    const letters = await this.letters.list(principal.tenantId, {
      status: 'open',
      entity: dto.entity,
      model: dto.model,
      limit: dto.limit ?? 100,
    });
    return this.replayLetters(principal, letters);
  }

  async discard(principal: Principal, id: string): Promise<InferenceDeadLetterResponse> {
    const letter = await this.require(principal, id);
    if (letter.status !== 'open') throw ProblemException.conflict(`Dead letter '${id}' is ${letter.status} already.`);
    await this.letters.settle(principal.tenantId, id, { status: 'discarded' });
    return toResponse(await this.require(principal, id));
  }

  private async replayLetters(
    principal: Principal,
    letters: InferenceDeadLetterEntity[],
  ): Promise<InferenceReplayResponse> {
    const store = this.store;
    if (!store) throw ProblemException.unavailable('The canonical store is not available in this process.');
    const tenantId = principal.tenantId;
    let replayed = 0;
    let failed = 0;
    const byEntity = new Map<CanonicalEntityName, InferenceDeadLetterEntity[]>();
    for (const letter of letters) {
      if (!isCanonicalEntity(letter.entity)) continue;
      byEntity.set(letter.entity, [...(byEntity.get(letter.entity) ?? []), letter]);
    }
    for (const [entity, group] of byEntity) {
      const records = new Map<string, StoredRecord>();
      for (const recordId of new Set(group.map((letter) => letter.recordId))) {
        const record = await store.get(principal, entity, recordId).catch((error: unknown) => {
          if (error instanceof ProblemException && error.status === 404) return undefined;
          throw error;
        });
        if (record) records.set(recordId, record);
      }
      const outcomes = await this.inference.enrich(tenantId, entity, [...records.values()], {
        models: [...new Set(group.map((letter) => letter.model))],
        requestId: `replay:${principal.kind}:${principal.id}`,
      });
      const refailed: NewInferenceDeadLetter[] = [];
      for (const letter of group) {
        const outcome = outcomes.find((o) => o.recordId === letter.recordId && o.model === letter.model);
        if (outcome?.ok) {
          await this.letters.settle(tenantId, letter.id, { status: 'replayed' });
          replayed++;
          continue;
        }
        failed++;
        if (outcome) {
          refailed.push(toNewLetter(entity, outcome, letter.connectionId, letter.jobId));
        } else {
          const reason = records.has(letter.recordId)
            ? `model ${letter.model} is not loaded`
            : 'the record is no longer in the canonical store';
          await this.letters.settle(tenantId, letter.id, { status: 'open', code: MISSING_RECORD, reason });
        }
      }
      await this.letters.upsert(tenantId, refailed);
    }
    const after = await this.letters.getMany(
      tenantId,
      letters.map((letter) => letter.id),
    );
    const order = new Map(letters.map((letter, index) => [letter.id, index]));
    after.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return { replayed, failed, data: after.map(toResponse) };
  }

  private async require(principal: Principal, id: string): Promise<InferenceDeadLetterEntity> {
    const letter = await this.letters.get(principal.tenantId, id);
    if (!letter) throw ProblemException.notFound('Inference dead letter', id);
    return letter;
  }
}

function toNewLetter(
  entity: string,
  failure: FailedInference,
  connectionId: string | null,
  jobId: string | null,
): NewInferenceDeadLetter {
  return {
    entity,
    recordId: failure.recordId,
    connectionId,
    model: failure.model,
    modelVersion: failure.version,
    code: failure.error.code,
    reason: failure.error.message,
    attempts: failure.error.attempts,
    inputHash: failure.inputHash ?? null,
    jobId,
  };
}

function toResponse(letter: InferenceDeadLetterEntity): InferenceDeadLetterResponse {
  return {
    id: letter.id,
    entity: letter.entity,
    recordId: letter.recordId,
    connectionId: letter.connectionId,
    model: letter.model,
    version: letter.modelVersion,
    code: letter.code,
    reason: letter.reason,
    attempts: letter.attempts,
    inputHash: letter.inputHash,
    jobId: letter.jobId,
    status: letter.status,
    occurrences: letter.occurrences,
    createdAt: letter.createdAt,
    updatedAt: letter.updatedAt,
  };
}
