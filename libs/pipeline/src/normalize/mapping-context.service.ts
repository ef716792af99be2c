import { Injectable } from '@nestjs/common';
import type { TenantId } from '@trestle/auth';
import type { EntityBinding } from '@trestle/adapter-sdk';
import { ConnectionGateway } from '@trestle/connectors';
import { CanonicalEntityName, isCanonicalEntity, ProblemException } from '@trestle/core';

export interface EntityMapping {
  entity: CanonicalEntityName;
  binding: EntityBinding;
  /** `<definition name>@<version>`, recorded in each record's lineage. */
  mappingVersion: string;
}

/** The connection's current mapping of one canonical entity. */
@Injectable()
export class MappingContext {
  constructor(private readonly gateway: ConnectionGateway) {}

  async of(tenantId: TenantId, connectionId: string, entity: string): Promise<EntityMapping> {
    const definition = await this.gateway.definition(tenantId, connectionId);
    const binding = isCanonicalEntity(entity) ? definition.entities[entity] : undefined;
    if (!binding || !isCanonicalEntity(entity)) {
      throw ProblemException.validation([
        { field: 'entity', message: `the connection does not map ${entity} records` },
      ]);
    }
    return { entity, binding, mappingVersion: `${definition.name}@${definition.version}` };
  }
}
