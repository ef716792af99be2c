import { Injectable } from '@nestjs/common';
import { EntityBinding, mapRecord, MappingError, readPath, SourceRecord } from '@trestle/adapter-sdk';
import { CanonicalEntityName, FieldError, hubId } from '@trestle/core';
import type { NewCanonicalRecord } from '../store/normalized-batch.repository';
import type { NewDeadLetter } from '../dead-letters/dead-letter.repository';
import { CanonicalValidator } from './canonical-validator';
import { sha256Hex, stableJson } from './content-hash';

export interface NormalizeInput {
  connectionId: string;
  entity: CanonicalEntityName;
  binding: EntityBinding;
  mappingVersion: string;
  fetchedAt: string;
  runId: string | null;
}

/** Data-quality figures of one page (see docs/pipeline.md). */
export interface PageQuality {
  /** Source records whose sourceId an earlier record of the same page had already delivered. */
  duplicates: number;
  /** Rejected records per required canonical field they lacked (`sourceId` when no id could be read). */
  missingRequired: Record<string, number>;
}

export interface NormalizedPage {
  records: NewCanonicalRecord[];
  rejected: NewDeadLetter[];
  maxModifiedAt: string | null;
  quality: PageQuality;
}

const LABEL_FIELDS = ['name', 'number', 'lastName'];
const SEARCHED_FIELDS = ['name', 'number', 'sku', 'lastName', 'firstName'];

/** Source record -> canonical record: map with the connection's binding, validate against the canonical class. */
@Injectable()
export class RecordNormalizer {
  private readonly validator = new CanonicalValidator();

  normalize(input: NormalizeInput, sources: SourceRecord[]): NormalizedPage {
    const records = new Map<string, NewCanonicalRecord>();
    const rejected: NewDeadLetter[] = [];
    const seen = new Set<string>();
    const quality: PageQuality = { duplicates: 0, missingRequired: {} };
    const missing = (field: string) => (quality.missingRequired[field] = (quality.missingRequired[field] ?? 0) + 1);
    let maxModifiedAt: string | null = null;
    const now = new Date().toISOString();
    for (const raw of sources) {
      const rawJson = stableJson(raw);
      const rawHash = sha256Hex(rawJson);
      const reject = (stage: NewDeadLetter['stage'], errors: FieldError[], sourceId: string | null) =>
        rejected.push({
          connectionId: input.connectionId,
          entity: input.entity,
          sourceId,
          syncRunId: input.runId,
          stage,
          reason: `${stage === 'mapping' ? 'Mapping' : 'Validation'} failed: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
          errors,
          raw: rawJson,
          rawHash,
        });
      let mapped: ReturnType<typeof mapRecord>;
      try {
        mapped = mapRecord(input.binding, raw);
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        const sourceId = sourceIdOf(input.binding, raw);
        if (error.field === 'sourceId') missing('sourceId');
        else this.countDuplicate(seen, sourceId, quality);
        reject('mapping', [{ field: error.field, message: error.message }], sourceId);
        continue;
      }
      this.countDuplicate(seen, mapped.sourceId, quality);
      const validation = this.validator.validate(input.entity, mapped.values);
      if (validation.errors.length > 0) {
        for (const field of validation.missing) missing(field);
        reject('validation', validation.errors, mapped.sourceId);
        continue;
      }
      const values = mapped.values;
      const modifiedAt = mapped.modifiedAt ?? null;
      if (modifiedAt && (!maxModifiedAt || modifiedAt > maxModifiedAt)) maxModifiedAt = modifiedAt;
      records.set(mapped.sourceId, {
        id: hubId(input.entity, input.connectionId, mapped.sourceId),
        connectionId: input.connectionId,
        entity: input.entity,
        sourceId: mapped.sourceId,
        data: JSON.stringify(values),
        contentHash: sha256Hex(stableJson(values)),
        rawHash,
        label: firstString(values, LABEL_FIELDS)?.slice(0, 300) ?? null,
        search: SEARCHED_FIELDS.map((field) => values[field])
          .filter((value): value is string => typeof value === 'string')
          .join('\n')
          .toLowerCase(),
        email: typeof values.email === 'string' ? values.email.toLowerCase() : null,
        status: typeof values.status === 'string' ? values.status : null,
        customerSourceId: typeof values.customerSourceId === 'string' ? values.customerSourceId : null,
        modifiedAt: modifiedAt ?? now,
        fetchedAt: input.fetchedAt,
        mappingVersion: input.mappingVersion,
        syncRunId: input.runId,
      });
    }
    return { records: [...records.values()], rejected, maxModifiedAt, quality };
  }

  private countDuplicate(seen: Set<string>, sourceId: string | null, quality: PageQuality): void {
    if (sourceId === null) return;
    if (seen.has(sourceId)) quality.duplicates += 1;
    else seen.add(sourceId);
  }
}

function firstString(values: Record<string, unknown>, fields: string[]): string | undefined {
  for (const field of fields) if (typeof values[field] === 'string') return values[field] as string;
  return undefined;
}

function sourceIdOf(binding: EntityBinding, raw: SourceRecord): string | null {
  const value = readPath(raw, binding.sourceId);
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim().slice(0, 400) : null;
}
