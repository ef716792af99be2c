import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { CanonicalEntityName, ProblemException } from '@trestle/core';
import { CanonicalRecord } from './live/canonical-mapper';
import { ListEntitiesQuery, ReadMode } from './live/list-entities.query';
import { LiveReader, RecordPage } from './live/live-reader';

/** Chooses where a read is served from: the legacy systems now (`live`) or the canonical store (`store`). */
@Injectable()
export class EntityReadService {
  constructor(private readonly live: LiveReader) {}

  async list(
    principal: Principal,
    entity: CanonicalEntityName,
    query: ListEntitiesQuery,
  ): Promise<RecordPage & { mode: ReadMode }> {
    this.requireLive(query.mode);
    return { ...(await this.live.list(principal, entity, query)), mode: 'live' };
  }

  get(principal: Principal, entity: CanonicalEntityName, id: string, mode?: ReadMode): Promise<CanonicalRecord> {
    this.requireLive(mode);
    return this.live.get(principal, entity, id);
  }

  private requireLive(mode: ReadMode | undefined): void {
    if (mode === 'store') {
      throw ProblemException.validation([
        {
          field: 'mode',
          message: 'store reads need the sync pipeline and canonical store, which this hub does not run yet; use live',
        },
      ]);
    }
  }
}
