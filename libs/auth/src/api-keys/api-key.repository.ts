import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { TenantId } from '../principal';
import { ApiKeyEntity } from './api-key.entity';

@Injectable()
export class ApiKeyRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  /** Lookup by id for authentication, before the tenant is known; the caller checks the secret. */
  findForAuthentication(id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ id });
  }

  list(tenantId: TenantId): Promise<ApiKeyEntity[]> {
    return this.keys.find({ where: { tenantId }, order: { createdAt: 'DESC' } });
  }

  get(tenantId: TenantId, id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ tenantId, id });
  }

  /** Plain INSERT: a duplicate id fails instead of overwriting. */
  async insert(key: Omit<ApiKeyEntity, 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiKeyEntity> {
    await this.keys.insert({ ...key, lastUsedAt: null, revokedAt: null });
    return this.keys.findOneByOrFail({ id: key.id });
  }

  async revoke(tenantId: TenantId, id: string, at: Date): Promise<boolean> {
    const result = await this.keys.update({ tenantId, id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.keys.update({ id }, { lastUsedAt: at });
  }

  count(): Promise<number> {
    return this.keys.count();
  }
}
