import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { ConnectionService } from '@trestle/connectors';
import { ProblemException } from '@trestle/core';
import { CanonicalRecordRepository } from './canonical-record.repository';
import { JoinKeyEntity } from './join-key.entity';
import { JoinKeyRepository } from './join-key.repository';
import { JoinKeyDto, JoinKeyResponse, JOINS, LineageResponse } from './store.dto';

/** Store administration: cross-system join keys and per-record lineage. */
@Injectable()
export class StoreService {
  constructor(
    private readonly records: CanonicalRecordRepository,
    private readonly joinKeys: JoinKeyRepository,
    private readonly connections: ConnectionService,
  ) {}

  async joinKeysOf(principal: Principal): Promise<JoinKeyResponse[]> {
    return (await this.joinKeys.list(principal.tenantId)).map(toJoinKeyResponse);
  }

  async putJoinKey(principal: Principal, entity: string, relation: string, dto: JoinKeyDto): Promise<JoinKeyResponse> {
    const relations: readonly string[] = JOINS[entity as keyof typeof JOINS] ?? [];
    if (!relations.includes(relation)) {
      throw ProblemException.validation([
        { field: 'relation', message: `store reads join ${entity} on: ${relations.join(', ') || 'nothing'}` },
      ]);
    }
    if (dto.targetConnectionId) await this.connections.get(principal, dto.targetConnectionId);
    return toJoinKeyResponse(
      await this.joinKeys.put(principal.tenantId, {
        entity,
        relation,
        matchOn: dto.matchOn,
        targetConnectionId: dto.targetConnectionId ?? null,
      }),
    );
  }

  async removeJoinKey(principal: Principal, entity: string, relation: string): Promise<void> {
    if (!(await this.joinKeys.remove(principal.tenantId, entity, relation))) {
      throw ProblemException.notFound('Join key', `${entity}.${relation}`);
    }
  }

  async lineage(principal: Principal, id: string): Promise<LineageResponse> {
    const record = await this.records.get(principal.tenantId, id);
    if (!record) throw ProblemException.notFound('Record', id);
    return {
      id: record.id,
      entity: record.entity,
      connectionId: record.connectionId,
      sourceId: record.sourceId,
      fetchedAt: record.fetchedAt,
      mappingVersion: record.mappingVersion,
      rawHash: record.rawHash,
      contentHash: record.contentHash,
      syncRunId: record.syncRunId,
      version: record.version,
      storedAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }
}

function toJoinKeyResponse(key: JoinKeyEntity): JoinKeyResponse {
  return {
    entity: key.entity,
    relation: key.relation,
    matchOn: key.matchOn,
    targetConnectionId: key.targetConnectionId,
    updatedAt: key.updatedAt,
  };
}
