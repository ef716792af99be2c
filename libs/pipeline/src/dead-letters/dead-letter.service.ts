import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import type { SourceRecord } from '@trestle/adapter-sdk';
import { createdAtPage, decodeCreatedAtCursor, ProblemException } from '@trestle/core';
import { MappingContext } from '../normalize/mapping-context.service';
import { RecordNormalizer } from '../normalize/record-normalizer.service';
import { NormalizedBatchRepository } from '../store/normalized-batch.repository';
import {
  DeadLetterDetailResponse,
  DeadLetterPageResponse,
  DeadLetterResponse,
  ListDeadLettersQuery,
  ReplayDeadLetterDto,
  ReplayResultResponse,
} from './dead-letter.dto';
import { DeadLetterEntity } from './dead-letter.entity';
import { DeadLetterRepository } from './dead-letter.repository';

/** Lists, shows, replays (optionally with a corrected record) and discards records that failed normalization. */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly letters: DeadLetterRepository,
    private readonly mapping: MappingContext,
    private readonly normalizer: RecordNormalizer,
    private readonly batches: NormalizedBatchRepository,
  ) {}

  async list(principal: Principal, query: ListDeadLettersQuery): Promise<DeadLetterPageResponse> {
    const limit = query.limit ?? 50;
    const rows = await this.letters.list(principal.tenantId, {
      status: query.status ?? 'open',
      connectionId: query.connectionId,
      entity: query.entity,
      syncRunId: query.syncRunId,
      before: decodeCreatedAtCursor(query.cursor),
      limit: limit + 1,
    });
    return createdAtPage(rows, limit, toResponse);
  }

  async get(principal: Principal, id: string): Promise<DeadLetterDetailResponse> {
    return toDetail(await this.require(principal, id));
  }

  /** Normalizes the stored (or corrected) record again; stored on success, the reason updated otherwise. */
  async replay(principal: Principal, id: string, dto: ReplayDeadLetterDto): Promise<ReplayResultResponse> {
    const letter = await this.require(principal, id);
    if (letter.status !== 'open') throw ProblemException.conflict(`Dead letter '${id}' is ${letter.status} already.`);
    const raw = dto.raw ?? (JSON.parse(letter.raw) as SourceRecord);
    const mapping = await this.mapping.of(principal.tenantId, letter.connectionId, letter.entity);
    const page = this.normalizer.normalize(
      { ...mapping, connectionId: letter.connectionId, fetchedAt: new Date().toISOString(), runId: letter.syncRunId },
      [raw],
    );
    const rejected = page.rejected[0];
    if (rejected) {
      await this.letters.settle(principal.tenantId, id, {
        status: 'open',
        reason: rejected.reason,
        errors: rejected.errors,
      });
      return { outcome: 'rejected', deadLetter: toDetail(await this.require(principal, id)) };
    }
    await this.batches.commit(principal.tenantId, {
      records: page.records,
      rejected: [],
      maxModifiedAt: page.maxModifiedAt,
    });
    await this.letters.settle(principal.tenantId, id, { status: 'replayed', recordId: page.records[0]?.id ?? null });
    return { outcome: 'stored', deadLetter: toDetail(await this.require(principal, id)) };
  }

  async discard(principal: Principal, id: string): Promise<DeadLetterDetailResponse> {
    const letter = await this.require(principal, id);
    if (letter.status !== 'open') throw ProblemException.conflict(`Dead letter '${id}' is ${letter.status} already.`);
    await this.letters.settle(principal.tenantId, id, { status: 'discarded' });
    return toDetail(await this.require(principal, id));
  }

  private async require(principal: Principal, id: string): Promise<DeadLetterEntity> {
    const letter = await this.letters.get(principal.tenantId, id);
    if (!letter) throw ProblemException.notFound('Dead letter', id);
    return letter;
  }
}

function toResponse(letter: DeadLetterEntity): DeadLetterResponse {
  return {
    id: letter.id,
    connectionId: letter.connectionId,
    entity: letter.entity,
    sourceId: letter.sourceId,
    syncRunId: letter.syncRunId,
    stage: letter.stage,
    reason: letter.reason,
    errors: JSON.parse(letter.errors) as DeadLetterResponse['errors'],
    status: letter.status,
    occurrences: letter.occurrences,
    recordId: letter.recordId,
    createdAt: letter.createdAt,
    updatedAt: letter.updatedAt,
  };
}

function toDetail(letter: DeadLetterEntity): DeadLetterDetailResponse {
  return { ...toResponse(letter), raw: JSON.parse(letter.raw) as Record<string, unknown> };
}
