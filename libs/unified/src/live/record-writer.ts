import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { AdapterError, EntityBinding, MappingError, SourceRecord } from '@trestle/adapter-sdk';
import { ConnectionGateway } from '@trestle/connectors';
import { CanonicalEntityName, parseHubId, ProblemException } from '@trestle/core';
import { ChangeOutbox } from '@trestle/events';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { CanonicalMapper, CanonicalRecord } from './canonical-mapper';

/** Writes always go live to the legacy system, guarded by Idempotency-Key. */
@Injectable()
export class RecordWriter {
  constructor(
    private readonly gateway: ConnectionGateway,
    private readonly mapper: CanonicalMapper,
    private readonly idempotency: IdempotencyService,
    private readonly changes: ChangeOutbox,
  ) {}

  create(
    principal: Principal,
    entity: CanonicalEntityName,
    connectionId: string,
    input: object,
    idempotencyKey?: string,
    sourceId?: string,
  ): Promise<CanonicalRecord> {
    return this.idempotency.run(
      principal,
      idempotencyKey,
      ['create', entity, connectionId, input, sourceId],
      async () => {
        const binding = this.mapper.binding(
          await this.gateway.definition(principal.tenantId, connectionId),
          entity,
          connectionId,
        );
        const created = await this.gateway.create(
          principal.tenantId,
          connectionId,
          entity,
          this.mapper.toSource(binding, { ...input }, sourceId),
        );
        const record = this.toCanonicalAnswer(entity, binding, connectionId, created);
        await this.changes.written(principal.tenantId, entity, 'created', record);
        return record;
      },
    );
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
      const record = this.toCanonicalAnswer(entity, binding, target.connectionId, updated);
      await this.changes.written(principal.tenantId, entity, 'updated', record);
      return record;
    });
  }

  /** The system's answer to a write, mapped; an answer that cannot be mapped is the system's fault (502). */
  private toCanonicalAnswer(
    entity: CanonicalEntityName,
    binding: EntityBinding,
    connectionId: string,
    answer: SourceRecord,
  ): CanonicalRecord {
    try {
      return this.mapper.toCanonical(entity, binding, connectionId, answer, new Date().toISOString());
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      throw new AdapterError(
        'invalid_response',
        `The system accepted the write but answered with a record that cannot be mapped: ${error.message}`,
        {
          retryable: false,
        },
      );
    }
  }
}
