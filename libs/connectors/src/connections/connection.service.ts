import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import {
  AdapterDefinition,
  AdapterError,
  ConnectorDefinition,
  ConnectorDefinitionError,
  parseConnectorDefinition,
  validateOperations,
} from '@trestle/adapter-sdk';
import { AppConfig, FieldError, ProblemException, SecretBox } from '@trestle/core';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AdapterRegistry } from '../adapters/adapter-registry';
import { ConnectionGateway } from '../runtime/connection-gateway';
import { ResilienceSettings } from '../resilience/resilience-settings';
import { ConnectionEntity } from './connection.entity';
import { ConnectionRepository } from './connection.repository';
import {
  AdapterKindResponse,
  ConnectionResponse,
  ConnectionTestResponse,
  CreateConnectionDto,
  UpdateConnectionDto,
} from './connection.dto';
import { jsonSchemaErrors } from './json-schema-check';

/**
 * How long a tenant's list of connections (for "which connections serve this entity") is trusted
 * before it is read again; changes through this process apply at once, other processes' within
 * this time (as for a resolved connection in ConnectionGateway).
 */
const SERVING_RECHECK_MS = 1000;

interface ServingList {
  readAt: number;
  connections: { id: string; entities: ReadonlySet<string> }[];
}

/** Connection registry: create, read, update, test and delete a tenant's legacy-system connections. */
@Injectable()
export class ConnectionService {
  private readonly serving = new Map<string, ServingList>();

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly adapters: AdapterRegistry,
    private readonly gateway: ConnectionGateway,
    private readonly secretBox: SecretBox,
    private readonly config: AppConfig,
  ) {}

  adapterKinds(): AdapterKindResponse[] {
    return this.adapters
      .all()
      .map(({ kind, displayName, description, settingsSchema, credentialsSchema, operationSchema }) => ({
        kind,
        displayName,
        description,
        settingsSchema,
        credentialsSchema,
        operationSchema,
      }));
  }

  async list(principal: Principal): Promise<ConnectionResponse[]> {
    return (await this.connections.list(principal.tenantId)).map((entity) => this.toResponse(entity));
  }

  /** Ids of the tenant's connections whose definition serves `entity`, by name; no secret is opened. */
  async idsServing(principal: Principal, entity: string): Promise<string[]> {
    const now = Date.now();
    let known = this.serving.get(principal.tenantId);
    if (!known || now - known.readAt >= SERVING_RECHECK_MS) {
      const connections = (await this.connections.list(principal.tenantId)).map((connection) => ({
        id: connection.id,
        entities: new Set(Object.keys((JSON.parse(connection.definition) as ConnectorDefinition).entities ?? {})),
      }));
      known = { readAt: now, connections };
      this.serving.set(principal.tenantId, known);
    }
    return known.connections.filter((connection) => connection.entities.has(entity)).map((connection) => connection.id);
  }

  async get(principal: Principal, id: string): Promise<ConnectionResponse> {
    return this.toResponse(await this.require(principal, id));
  }

  async create(principal: Principal, dto: CreateConnectionDto): Promise<ConnectionResponse> {
    if (await this.connections.findByName(principal.tenantId, dto.name)) {
      throw ProblemException.conflict(`A connection named '${dto.name}' exists already.`);
    }
    const { definition, adapter } = this.checkDefinition(dto.definition);
    const settings = dto.settings ?? {};
    const credentials = dto.credentials ?? {};
    this.checkAgainstAdapter(adapter, definition, settings, credentials);
    const id = randomUUID();
    const saved = await this.connections.insert({
      id,
      tenantId: principal.tenantId,
      name: dto.name,
      adapter: adapter.kind,
      definition: JSON.stringify(definition),
      settings: JSON.stringify(settings),
      credentialsSealed: this.secretBox.seal(JSON.stringify(credentials), id),
      resilience: JSON.stringify(dto.resilience ?? {}),
    });
    this.serving.delete(principal.tenantId);
    return this.toResponse(saved);
  }

  async update(principal: Principal, id: string, dto: UpdateConnectionDto): Promise<ConnectionResponse> {
    const existing = await this.require(principal, id);
    const { definition, adapter } = dto.definition
      ? this.checkDefinition(dto.definition)
      : {
          definition: JSON.parse(existing.definition) as ConnectorDefinition,
          adapter: this.adapters.get(existing.adapter),
        };
    const settings = dto.settings ?? (JSON.parse(existing.settings) as Record<string, unknown>);
    const credentials =
      dto.credentials ?? (JSON.parse(this.secretBox.open(existing.credentialsSealed, id)) as Record<string, string>);
    this.checkAgainstAdapter(adapter, definition, settings, credentials);
    const updated = await this.connections.update(principal.tenantId, id, {
      adapter: adapter.kind,
      definition: JSON.stringify(definition),
      settings: JSON.stringify(settings),
      credentialsSealed: this.secretBox.seal(JSON.stringify(credentials), id),
      resilience: JSON.stringify(dto.resilience ?? JSON.parse(existing.resilience)),
    });
    this.serving.delete(principal.tenantId);
    await this.gateway.evict(id);
    return this.toResponse(updated ?? existing);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.require(principal, id);
    await this.connections.delete(principal.tenantId, id);
    this.serving.delete(principal.tenantId);
    await this.gateway.evict(id);
  }

  /** Calls the system's check; an unreachable system is a result (ok: false), not an error of this call. */
  async test(principal: Principal, id: string): Promise<ConnectionTestResponse> {
    await this.require(principal, id);
    const started = performance.now();
    try {
      const result = await this.gateway.check(principal.tenantId, id);
      return { ok: result.ok, latencyMs: result.latencyMs, details: result.details };
    } catch (error) {
      if (!AdapterError.is(error)) throw error;
      return {
        ok: false,
        latencyMs: Math.round(performance.now() - started),
        error: { code: error.code, message: error.message },
      };
    }
  }

  private async require(principal: Principal, id: string): Promise<ConnectionEntity> {
    const connection = await this.connections.get(principal.tenantId, id);
    if (!connection) throw ProblemException.notFound('Connection', id);
    return connection;
  }

  private checkDefinition(raw: Record<string, unknown>): {
    definition: ConnectorDefinition;
    adapter: AdapterDefinition;
  } {
    let definition: ConnectorDefinition;
    try {
      definition = parseConnectorDefinition(JSON.stringify(raw), { format: 'json', source: 'definition' });
    } catch (error) {
      if (error instanceof ConnectorDefinitionError) {
        throw ProblemException.validation(
          error.issues.map((issue) => ({
            field: `definition${issue.path.replace(/\//g, '.')}`,
            message: issue.message,
          })),
          'The connector definition is not valid.',
        );
      }
      throw error;
    }
    return { definition, adapter: this.adapters.get(definition.adapter) };
  }

  private checkAgainstAdapter(
    adapter: AdapterDefinition,
    definition: ConnectorDefinition,
    settings: Record<string, unknown>,
    credentials: Record<string, string>,
  ): void {
    const errors: FieldError[] = [
      ...jsonSchemaErrors(adapter.settingsSchema, { ...(definition.settings ?? {}), ...settings }, 'settings'),
      ...(adapter.credentialsSchema ? jsonSchemaErrors(adapter.credentialsSchema, credentials, 'credentials') : []),
    ];
    errors.push(...this.hubFilesIn({ ...(definition.settings ?? {}), ...settings }));
    try {
      validateOperations(definition, adapter);
    } catch (error) {
      if (!(error instanceof ConnectorDefinitionError)) throw error;
      errors.push(
        ...error.issues.map((issue) => ({
          field: `definition${issue.path.replace(/\//g, '.')}`,
          message: issue.message,
        })),
      );
    }
    if (errors.length > 0) throw ProblemException.validation(errors, 'The connection does not fit its adapter.');
  }

  /** A connection must never point an adapter at the hub's own database or key file. */
  private hubFilesIn(settings: Record<string, unknown>): FieldError[] {
    const own = [this.config.sqlitePath, this.config.secretsKeyFile]
      .filter((file) => file !== ':memory:')
      .flatMap((file) => [resolve(file), resolve(`${file}-wal`), resolve(`${file}-shm`)]);
    return Object.entries(settings)
      .filter(([, value]) => typeof value === 'string' && own.includes(resolve(value)))
      .map(([key]) => ({ field: `settings.${key}`, message: "must not name the hub's own database or key files" }));
  }

  private toResponse(entity: ConnectionEntity): ConnectionResponse {
    const definition = JSON.parse(entity.definition) as ConnectorDefinition;
    return {
      id: entity.id,
      name: entity.name,
      adapter: entity.adapter,
      definition: {
        name: definition.name,
        version: String(definition.version),
        entities: Object.keys(definition.entities ?? {}),
        passthrough: Object.keys(definition.passthrough ?? {}),
      },
      settings: JSON.parse(entity.settings) as Record<string, unknown>,
      credentialsSet: Object.keys(
        JSON.parse(this.secretBox.open(entity.credentialsSealed, entity.id)) as object,
      ).sort(),
      resilience: JSON.parse(entity.resilience) as ResilienceSettings,
      breaker: this.gateway.breakerState(entity.id),
      createdAt: entity.createdAt.toISOString(),
      updatedAt: entity.updatedAt.toISOString(),
      version: entity.version,
    };
  }
}
