import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { CanonicalEntityName } from '@trestle/core';
import { StoreReader } from '@trestle/pipeline';
import { CanonicalRecord } from './live/canonical-mapper';
import { ListEntitiesQuery, ReadMode } from './live/list-entities.query';
import { LiveReader, RecordPage } from './live/live-reader';

/** Chooses where a read is served from: the legacy systems now (`live`) or the canonical store (`store`). */
@Injectable()
export class EntityReadService {
  constructor(
    private readonly live: LiveReader,
    private readonly store: StoreReader,
  ) {}

  async list(
    principal: Principal,
    entity: CanonicalEntityName,
    query: ListEntitiesQuery,
  ): Promise<RecordPage & { mode: ReadMode }> {
    if (query.mode === 'store')
      return { ...(await this.store.list(principal, entity, query)), warnings: [], mode: 'store' };
    return { ...(await this.live.list(principal, entity, query)), mode: 'live' };
  }

  get(principal: Principal, entity: CanonicalEntityName, id: string, mode?: ReadMode): Promise<CanonicalRecord> {
    return mode === 'store' ? this.store.get(principal, entity, id) : this.live.get(principal, entity, id);
  }
}
