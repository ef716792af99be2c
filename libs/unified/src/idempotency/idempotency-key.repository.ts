import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { LessThan, Repository } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

@Injectable()
export class IdempotencyKeyRepository {
  constructor(@InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>) {}

  /** Claims the key; false when it exists already (the primary key makes this race-free across processes). */
  async claim(tenantId: TenantId, key: string, requestHash: string): Promise<boolean> {
    try {
      await this.keys.insert({ tenantId, key, requestHash, state: 'pending', statusCode: null, response: null });
      return true;
    } catch {
      return false;
    }
  }

  get(tenantId: TenantId, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.keys.findOneBy({ tenantId, key });
  }

  async complete(tenantId: TenantId, key: string, statusCode: number, response: string): Promise<void> {
    await this.keys.update({ tenantId, key }, { state: 'done', statusCode, response });
  }

  async release(tenantId: TenantId, key: string): Promise<void> {
    await this.keys.delete({ tenantId, key, state: 'pending' });
  }

  async purgeOlderThan(cutoff: Date): Promise<void> {
    await this.keys.delete({ createdAt: LessThan(cutoff) });
  }
}
