import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { EntityBinding, ListQuery, MappingError } from '@trestle/adapter-sdk';
import { ConnectionGateway, ConnectionProfile, ConnectionService } from '@trestle/connectors';
import { CanonicalEntityName, parseHubId, ProblemException } from '@trestle/core';
import { LiveReadCache } from './cache/live-read-cache';
import { CanonicalMapper, CanonicalRecord, MappingWarning } from './canonical-mapper';
import { decodeListCursor, encodeListCursor } from './list-cursor';
import { DEFAULT_PAGE_SIZE, ListEntitiesQuery } from './list-entities.query';
import { matchesFilters } from './record-filter';

export interface RecordPage {
  data: CanonicalRecord[];
  cursor: string | null;
  warnings: MappingWarning[];
}

/** One page of a connection, mapped but not yet filtered: what the read cache keeps. */
interface MappedPage {
  records: CanonicalRecord[];
  warnings: MappingWarning[];
  nextCursor?: string;
}

/** Reads canonical records straight from the legacy systems (`mode=live`). */
@Injectable()
export class LiveReader {
  constructor(
    private readonly connections: ConnectionService,
    private readonly gateway: ConnectionGateway,
    private readonly mapper: CanonicalMapper,
    private readonly cache: LiveReadCache,
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

    const profile = await this.gateway.profile(principal.tenantId, connectionId);
    const binding = this.mapper.binding(profile.definition, entity, connectionId);
    const pageQuery: ListQuery = {
      cursor: position.cursor,
      pageSize: query.limit ?? DEFAULT_PAGE_SIZE,
      modifiedSince: query.modifiedSince,
    };
    const page = await this.cached(principal, entity, connectionId, profile, { list: pageQuery }, () =>
      this.fetchPage(principal, entity, connectionId, binding, pageQuery),
    );
    const data = page.records.filter((record) => matchesFilters(record, query));
    const next = page.nextCursor
      ? { connection: position.connection, cursor: page.nextCursor }
      : position.connection + 1 < connectionIds.length
        ? { connection: position.connection + 1 }
        : undefined;
    return { data, cursor: next ? encodeListCursor(next) : null, warnings: page.warnings };
  }

  async get(principal: Principal, entity: CanonicalEntityName, id: string): Promise<CanonicalRecord> {
    const parsed = parseHubId(entity, id);
    if (!parsed) throw ProblemException.notFound(entity, id);
    const { connectionId, sourceId } = parsed;
    const profile = await this.gateway.profile(principal.tenantId, connectionId);
    const binding = this.mapper.binding(profile.definition, entity, connectionId);
    return this.cached(principal, entity, connectionId, profile, { get: sourceId }, async () => {
      const source = await this.gateway.get(principal.tenantId, connectionId, entity, sourceId);
      return this.mapper.toCanonical(entity, binding, connectionId, source, new Date().toISOString());
    });
  }

  /** Through the connection's read cache when it has one; keyed by tenant, caller (unless shared), version and read. */
  private async cached<T>(
    principal: Principal,
    entity: CanonicalEntityName,
    connectionId: string,
    profile: ConnectionProfile,
    read: object,
    load: () => Promise<T>,
  ): Promise<T> {
    const policy = profile.readCache;
    if (!policy) return load();
    const caller = policy.shareAcrossCallers ? null : `${principal.kind}:${principal.id}`;
    const scope = { tenantId: principal.tenantId, connectionId, entity };
    return (await this.cache.read(scope, { version: profile.version, caller, read }, policy, load)).value;
  }

  private async fetchPage(
    principal: Principal,
    entity: CanonicalEntityName,
    connectionId: string,
    binding: EntityBinding,
    pageQuery: ListQuery,
  ): Promise<MappedPage> {
    const pages = this.gateway.list(principal.tenantId, connectionId, entity, pageQuery);
    const first = await pages.next();
    await pages.return(undefined);
    const page = first.done ? { records: [], nextCursor: undefined } : first.value;
    const fetchedAt = new Date().toISOString();
    const warnings: MappingWarning[] = [];
    const records: CanonicalRecord[] = [];
    for (const source of page.records) {
      try {
        records.push(this.mapper.toCanonical(entity, binding, connectionId, source, fetchedAt));
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        warnings.push({ connectionId, message: error.message });
      }
    }
    return { records, warnings, nextCursor: page.nextCursor };
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
