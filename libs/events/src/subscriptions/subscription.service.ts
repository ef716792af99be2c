import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { AppConfig, ProblemException, SecretBox } from '@trestle/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { DeliveryRepository } from '../deliveries/delivery.repository';
import {
  CreatedEventSubscriptionResponse,
  CreateEventSubscriptionDto,
  EventSubscriptionResponse,
  EventSubscriptionSecretResponse,
  UpdateEventSubscriptionDto,
} from './subscription.dto';
import { SubscriptionEntity } from './subscription.entity';
import { SubscriptionRepository } from './subscription.repository';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A tenant's event subscriptions: create (the webhook secret is shown once), read, change, delete. */
@Injectable()
export class SubscriptionService {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly secretBox: SecretBox,
    private readonly config: AppConfig,
  ) {}

  async list(principal: Principal): Promise<EventSubscriptionResponse[]> {
    const all = await this.subscriptions.list(principal.tenantId);
    return Promise.all(all.map((subscription) => this.toResponse(subscription)));
  }

  async get(principal: Principal, id: string): Promise<EventSubscriptionResponse> {
    return this.toResponse(await this.require(principal, id));
  }

  async create(principal: Principal, dto: CreateEventSubscriptionDto): Promise<CreatedEventSubscriptionResponse> {
    if (dto.kind === 'stream' && this.config.eventsStreamDriver === 'none') {
      throw ProblemException.validation(
        [{ field: 'kind', message: 'no stream is configured on this hub (EVENTS_STREAM_DRIVER)' }],
        'Stream subscriptions need a configured stream.',
      );
    }
    await this.requireFreeName(principal, dto.name);
    const id = randomUUID();
    const secret = dto.kind === 'webhook' ? newSecret() : null;
    const now = new Date().toISOString();
    const saved = await this.subscriptions.insert({
      id,
      tenantId: principal.tenantId,
      name: dto.name,
      kind: dto.kind,
      url: dto.kind === 'webhook' ? (dto.url ?? null) : null,
      secretSealed: secret ? this.secretBox.seal(secret, id) : null,
      entities: JSON.stringify(dto.entities ?? []),
      connectionIds: JSON.stringify(dto.connectionIds ?? []),
      types: JSON.stringify(dto.types ?? []),
      enabled: dto.enabled ?? true,
      createdAt: now,
      updatedAt: now,
    });
    return { ...(await this.toResponse(saved)), secret };
  }

  async update(principal: Principal, id: string, dto: UpdateEventSubscriptionDto): Promise<EventSubscriptionResponse> {
    const existing = await this.require(principal, id);
    if (dto.name !== undefined && dto.name !== existing.name) await this.requireFreeName(principal, dto.name);
    if (existing.kind === 'stream' && dto.url !== undefined) {
      throw ProblemException.validation([{ field: 'url', message: 'stream subscriptions have no url' }]);
    }
    const updated = await this.subscriptions.update(principal.tenantId, id, {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.url !== undefined ? { url: dto.url } : {}),
      ...(dto.entities !== undefined ? { entities: JSON.stringify(dto.entities) } : {}),
      ...(dto.connectionIds !== undefined ? { connectionIds: JSON.stringify(dto.connectionIds) } : {}),
      ...(dto.types !== undefined ? { types: JSON.stringify(dto.types) } : {}),
      ...(dto.enabled !== undefined ? { enabled: dto.enabled } : {}),
      updatedAt: new Date().toISOString(),
    });
    return this.toResponse(updated ?? existing);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.require(principal, id);
    await this.deliveries.deleteOfSubscription(principal.tenantId, id);
    await this.subscriptions.delete(principal.tenantId, id);
  }

  /** A new webhook secret, effective at once and shown this once; the old one stops working. */
  async rotateSecret(principal: Principal, id: string): Promise<EventSubscriptionSecretResponse> {
    const existing = await this.require(principal, id);
    if (existing.kind !== 'webhook') throw ProblemException.badRequest('Only webhook subscriptions have a secret.');
    const secret = newSecret();
    await this.subscriptions.update(principal.tenantId, id, {
      secretSealed: this.secretBox.seal(secret, id),
      updatedAt: new Date().toISOString(),
    });
    return { secret };
  }

  async require(principal: Principal, id: string): Promise<SubscriptionEntity> {
    const subscription = await this.subscriptions.get(principal.tenantId, id);
    if (!subscription) throw ProblemException.notFound('Subscription', id);
    return subscription;
  }

  private async requireFreeName(principal: Principal, name: string): Promise<void> {
    if (await this.subscriptions.findByName(principal.tenantId, name)) {
      throw ProblemException.conflict(`A subscription named '${name}' exists already.`);
    }
  }

  private async toResponse(subscription: SubscriptionEntity): Promise<EventSubscriptionResponse> {
    return {
      id: subscription.id,
      name: subscription.name,
      kind: subscription.kind,
      url: subscription.url,
      entities: JSON.parse(subscription.entities) as string[],
      connectionIds: JSON.parse(subscription.connectionIds) as string[],
      types: JSON.parse(subscription.types) as string[],
      enabled: Boolean(subscription.enabled),
      deliveries: await this.deliveries.counts(subscription.tenantId as Principal['tenantId'], subscription.id),
      createdAt: subscription.createdAt,
      updatedAt: subscription.updatedAt,
    };
  }
}

function newSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}
