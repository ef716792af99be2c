import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { Repository } from 'typeorm';
import { SyncStateEntity } from './sync-state.entity';

@Injectable()
export class SyncStateRepository {
  constructor(@InjectRepository(SyncStateEntity) private readonly states: Repository<SyncStateEntity>) {}

  get(tenantId: TenantId, connectionId: string, entity: string): Promise<SyncStateEntity | null> {
    return this.states.findOneBy({ tenantId, connectionId, entity });
  }

  /** Moves the watermark forward (never back) after a successful run. */
  async recordSuccess(
    tenantId: TenantId,
    connectionId: string,
    entity: string,
    runId: string,
    watermark: string | null,
  ): Promise<void> {
    const existing = await this.get(tenantId, connectionId, entity);
    const next =
      [existing?.watermark, watermark]
        .filter((w): w is string => !!w)
        .sort()
        .pop() ?? null;
    await this.states.upsert(
      { tenantId, connectionId, entity, watermark: next, lastRunId: runId, lastSuccessAt: new Date().toISOString() },
      ['tenantId', 'connectionId', 'entity'],
    );
  }
}
