import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { ConnectionGateway, ConnectionService } from '@trestle/connectors';
import { CanonicalEntityName, parseHubId, ProblemException } from '@trestle/core';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { CanonicalMapper, CanonicalRecord } from './canonical-mapper';

/** Writes always go live to the legacy system, guarded by Idempotency-Key. */
@Injectable()
export class RecordWriter {
  constructor(
    private readonly connections: ConnectionService,
    private readonly gateway: ConnectionGateway,
    private readonly mapper: CanonicalMapper,
    private readonly idempotency: IdempotencyService,
  ) {}

  create(
    principal: Principal,
    entity: CanonicalEntityName,
    connectionId: string,
    input: object,
    idempotencyKey?: string,
  ): Promise<CanonicalRecord> {
    return this.idempotency.run(principal, idempotencyKey, ['create', entity, connectionId, input], async () => {
      await this.connections.get(principal, connectionId);
      const binding = this.mapper.binding(
        await this.gateway.definition(principal.tenantId, connectionId),
        entity,
        connectionId,
      );
      const created = await this.gateway.create(
        principal.tenantId,
        connectionId,
        entity,
        this.mapper.toSource(binding, { ...input }),
      );
      return this.mapper.toCanonical(entity, binding, connectionId, created, new Date().toISOString());
    });
  }

  update(
    principal: Principal,
    entity: CanonicalEntityName,
    id: string,
    patch: object,
    idempotencyKey?: string,
  ): Promise<CanonicalRecord> {
    return this.idempotency.run(principal, idempotencyKey, ['update', entity, id, patch], async () => {
      const target = parseHubId(entity, id);
      if (!target) throw ProblemException.notFound(entity, id);
      await this.connections.get(principal, target.connectionId);
      const binding = this.mapper.binding(
        await this.gateway.definition(principal.tenantId, target.connectionId),
        entity,
        target.connectionId,
      );
      const updated = await this.gateway.update(
        principal.tenantId,
        target.connectionId,
        entity,
        target.sourceId,
        this.mapper.toSource(binding, { ...patch }),
      );
      return this.mapper.toCanonical(entity, binding, target.connectionId, updated, new Date().toISOString());
    });
  }
}
