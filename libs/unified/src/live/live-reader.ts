import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { MappingError } from '@trestle/adapter-sdk';
import { ConnectionGateway, ConnectionService } from '@trestle/connectors';
import { CanonicalEntityName, parseHubId, ProblemException } from '@trestle/core';
import { CanonicalMapper, CanonicalRecord, MappingWarning } from './canonical-mapper';
import { decodeListCursor, encodeListCursor } from './list-cursor';
import { DEFAULT_PAGE_SIZE, ListEntitiesQuery } from './list-entities.query';
import { matchesFilters } from './record-filter';

export interface RecordPage {
  data: CanonicalRecord[];
  cursor: string | null;
  warnings: MappingWarning[];
}

/** Reads canonical records straight from the legacy systems (`mode=live`). */
@Injectable()
export class LiveReader {
  constructor(
    private readonly connections: ConnectionService,
    private readonly gateway: ConnectionGateway,
    private readonly mapper: CanonicalMapper,
  ) {}

  /**
   * One page. Across several connections the listing walks them one after another (ordered by
   * name); the cursor remembers which connection and where inside it.
   */
  async list(principal: Principal, entity: CanonicalEntityName, query: ListEntitiesQuery): Promise<RecordPage> {
    if (query.sort) {
      throw ProblemException.validation([
        { field: 'sort', message: 'sorting needs mode=store; live reads keep the order of each system' },
      ]);
    }
    const connectionIds = await this.connectionsServing(principal, entity, query.connectionId);
    const position = decodeListCursor(query.cursor);
    const connectionId = connectionIds[position.connection];
    if (!connectionId) return { data: [], cursor: null, warnings: [] };

    const binding = this.mapper.binding(
      await this.gateway.definition(principal.tenantId, connectionId),
      entity,
      connectionId,
    );
    const pages = this.gateway.list(principal.tenantId, connectionId, entity, {
      cursor: position.cursor,
      pageSize: query.limit ?? DEFAULT_PAGE_SIZE,
      modifiedSince: query.modifiedSince,
    });
    const first = await pages.next();
    await pages.return(undefined);
    const page = first.done ? { records: [], nextCursor: undefined } : first.value;

    const fetchedAt = new Date().toISOString();
    const warnings: MappingWarning[] = [];
    const data: CanonicalRecord[] = [];
    for (const source of page.records) {
      try {
        const record = this.mapper.toCanonical(entity, binding, connectionId, source, fetchedAt);
        if (matchesFilters(record, query)) data.push(record);
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        warnings.push({ connectionId, message: error.message });
      }
    }
    const next = page.nextCursor
      ? { connection: position.connection, cursor: page.nextCursor }
      : position.connection + 1 < connectionIds.length
        ? { connection: position.connection + 1 }
        : undefined;
    return { data, cursor: next ? encodeListCursor(next) : null, warnings };
  }

  async get(principal: Principal, entity: CanonicalEntityName, id: string): Promise<CanonicalRecord> {
    const parsed = parseHubId(entity, id);
    if (!parsed) throw ProblemException.notFound(entity, id);
    const definition = await this.gateway.definition(principal.tenantId, parsed.connectionId);
    const binding = this.mapper.binding(definition, entity, parsed.connectionId);
    const source = await this.gateway.get(principal.tenantId, parsed.connectionId, entity, parsed.sourceId);
    return this.mapper.toCanonical(entity, binding, parsed.connectionId, source, new Date().toISOString());
  }

  private async connectionsServing(
    principal: Principal,
    entity: CanonicalEntityName,
    only?: string,
  ): Promise<string[]> {
    if (!only) return this.connections.idsServing(principal, entity);
    const definition = await this.gateway.definition(principal.tenantId, only);
    if (!definition.entities[entity]) throw ProblemException.notFound(`${entity} records on connection`, only);
    return [only];
  }
}
