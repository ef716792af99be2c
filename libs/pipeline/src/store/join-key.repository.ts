import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { Repository } from 'typeorm';
import { JoinKeyEntity } from './join-key.entity';

export type NewJoinKey = Pick<JoinKeyEntity, 'entity' | 'relation' | 'matchOn' | 'targetConnectionId'>;

@Injectable()
export class JoinKeyRepository {
  constructor(@InjectRepository(JoinKeyEntity) private readonly keys: Repository<JoinKeyEntity>) {}

  get(tenantId: TenantId, entity: string, relation: string): Promise<JoinKeyEntity | null> {
    return this.keys.findOneBy({ tenantId, entity, relation });
  }

  list(tenantId: TenantId): Promise<JoinKeyEntity[]> {
    return this.keys.find({ where: { tenantId }, order: { entity: 'ASC', relation: 'ASC' } });
  }

  async put(tenantId: TenantId, key: NewJoinKey): Promise<JoinKeyEntity> {
    await this.keys.upsert({ ...key, tenantId, updatedAt: new Date().toISOString() }, [
      'tenantId',
      'entity',
      'relation',
    ]);
    return this.keys.findOneByOrFail({ tenantId, entity: key.entity, relation: key.relation });
  }

  async remove(tenantId: TenantId, entity: string, relation: string): Promise<boolean> {
    return ((await this.keys.delete({ tenantId, entity, relation })).affected ?? 0) > 0;
  }
}
