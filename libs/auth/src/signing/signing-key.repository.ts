import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { SigningKeyEntity } from './signing-key.entity';

/** Signing keys belong to the deployment, not to a tenant: the JWKS document is public. */
@Injectable()
export class SigningKeyRepository {
  constructor(@InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>) {}

  active(): Promise<SigningKeyEntity | null> {
    return this.keys.findOne({ where: { retiredAt: IsNull() }, order: { createdAt: 'ASC', kid: 'ASC' } });
  }

  all(): Promise<SigningKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'ASC' } });
  }

  async insert(key: Omit<SigningKeyEntity, 'createdAt' | 'retiredAt'>): Promise<void> {
    await this.keys.insert({ ...key, retiredAt: null });
  }
}
