import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { Repository } from 'typeorm';
import { SyncScheduleEntity } from './sync-schedule.entity';

export type NewSyncSchedule = Omit<SyncScheduleEntity, 'tenantId' | 'updatedAt'>;

@Injectable()
export class SyncScheduleRepository {
  constructor(@InjectRepository(SyncScheduleEntity) private readonly schedules: Repository<SyncScheduleEntity>) {}

  listForConnection(tenantId: TenantId, connectionId: string): Promise<SyncScheduleEntity[]> {
    return this.schedules.find({ where: { tenantId, connectionId }, order: { entity: 'ASC' } });
  }

  async put(tenantId: TenantId, schedule: NewSyncSchedule): Promise<SyncScheduleEntity> {
    await this.schedules.upsert({ ...schedule, tenantId, updatedAt: new Date().toISOString() }, [
      'tenantId',
      'connectionId',
      'entity',
    ]);
    return this.schedules.findOneByOrFail({ tenantId, connectionId: schedule.connectionId, entity: schedule.entity });
  }

  async remove(tenantId: TenantId, connectionId: string, entity: string): Promise<boolean> {
    return ((await this.schedules.delete({ tenantId, connectionId, entity })).affected ?? 0) > 0;
  }

  /** Every schedule, to (re)arm them when a process with in-process queues starts. */
  listOfEveryTenant(): Promise<SyncScheduleEntity[]> {
    return this.schedules.find();
  }
}
