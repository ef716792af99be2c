import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { Repository } from 'typeorm';
import { ConnectionEntity } from './connection.entity';

export type NewConnection = Omit<ConnectionEntity, 'createdAt' | 'updatedAt' | 'version'>;

@Injectable()
export class ConnectionRepository {
  constructor(@InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>) {}

  get(tenantId: TenantId, id: string): Promise<ConnectionEntity | null> {
    return this.connections.findOneBy({ tenantId, id });
  }

  findByName(tenantId: TenantId, name: string): Promise<ConnectionEntity | null> {
    return this.connections.findOneBy({ tenantId, name });
  }

  list(tenantId: TenantId): Promise<ConnectionEntity[]> {
    return this.connections.find({ where: { tenantId }, order: { name: 'ASC' } });
  }

  async insert(connection: NewConnection): Promise<ConnectionEntity> {
    await this.connections.insert(connection);
    return this.connections.findOneByOrFail({ id: connection.id });
  }

  async update(tenantId: TenantId, id: string, changes: Partial<NewConnection>): Promise<ConnectionEntity | null> {
    const existing = await this.get(tenantId, id);
    if (!existing) return null;
    return this.connections.save(this.connections.merge(existing, changes));
  }

  async delete(tenantId: TenantId, id: string): Promise<boolean> {
    return ((await this.connections.delete({ tenantId, id })).affected ?? 0) > 0;
  }
}
