import { Injectable } from '@nestjs/common';
import {
  ConnectorDefinition,
  EntityBinding,
  mapRecord,
  MappingError,
  SourceRecord,
  unmapRecord,
  writePath,
} from '@trestle/adapter-sdk';
import { CanonicalEntityName, CanonicalRecordMeta, hubId, ProblemException } from '@trestle/core';

export type CanonicalRecord = CanonicalRecordMeta & Record<string, unknown>;

export interface MappingWarning {
  connectionId: string;
  sourceId?: string;
  message: string;
}

/** Turns source records into canonical records (with hub id and source) and canonical input back into source fields. */
@Injectable()
export class CanonicalMapper {
  binding(definition: ConnectorDefinition, entity: CanonicalEntityName, connectionId: string): EntityBinding {
    const binding = definition.entities[entity];
    if (!binding) {
      throw new ProblemException(404, 'not_found', 'Not found', {
        detail: `Connection '${connectionId}' does not serve ${entity} records.`,
      });
    }
    return binding;
  }

  toCanonical(
    entity: CanonicalEntityName,
    binding: EntityBinding,
    connectionId: string,
    source: SourceRecord,
    fetchedAt: string,
  ): CanonicalRecord {
    const mapped = mapRecord(binding, source);
    return {
      id: hubId(entity, connectionId, mapped.sourceId),
      source: { connectionId, sourceId: mapped.sourceId, fetchedAt },
      ...mapped.values,
    };
  }

  /**
   * Canonical input as the legacy system's fields. `sourceId` fills the system's key for systems
   * where the caller assigns it. A value that cannot be written back is the caller's 400.
   */
  toSource(binding: EntityBinding, canonical: Record<string, unknown>, sourceId?: string): SourceRecord {
    try {
      const source = unmapRecord(binding, canonical);
      if (sourceId !== undefined) writePath(source, binding.sourceId, sourceId);
      return source;
    } catch (error) {
      if (error instanceof MappingError) {
        throw ProblemException.validation([{ field: error.field, message: error.reason }], error.message);
      }
      throw error;
    }
  }
}
