import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { In, Repository } from 'typeorm';
import { SubscriptionEntity } from './subscription.entity';

@Injectable()
export class SubscriptionRepository {
  constructor(@InjectRepository(SubscriptionEntity) private readonly subscriptions: Repository<SubscriptionEntity>) {}

  get(tenantId: TenantId, id: string): Promise<SubscriptionEntity | null> {
    return this.subscriptions.findOneBy({ tenantId, id });
  }

  findByName(tenantId: TenantId, name: string): Promise<SubscriptionEntity | null> {
    return this.subscriptions.findOneBy({ tenantId, name });
  }

  list(tenantId: TenantId): Promise<SubscriptionEntity[]> {
    return this.subscriptions.find({ where: { tenantId }, order: { name: 'ASC' } });
  }

  /** The enabled subscriptions of the given tenants (routing works for every tenant at once). */
  enabledOf(tenantIds: readonly TenantId[]): Promise<SubscriptionEntity[]> {
    return tenantIds.length === 0
      ? Promise.resolve([])
      : this.subscriptions.find({ where: { tenantId: In([...tenantIds]), enabled: true } });
  }

  async insert(subscription: SubscriptionEntity): Promise<SubscriptionEntity> {
    await this.subscriptions.insert(subscription);
    return this.subscriptions.findOneByOrFail({ id: subscription.id });
  }

  async update(
    tenantId: TenantId,
    id: string,
    changes: Partial<Omit<SubscriptionEntity, 'id' | 'tenantId'>>,
  ): Promise<SubscriptionEntity | null> {
    await this.subscriptions.update({ tenantId, id }, changes);
    return this.get(tenantId, id);
  }

  async delete(tenantId: TenantId, id: string): Promise<boolean> {
    return ((await this.subscriptions.delete({ tenantId, id })).affected ?? 0) > 0;
  }
}
