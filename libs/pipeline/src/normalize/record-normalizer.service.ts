import { Injectable } from '@nestjs/common';
import { EntityBinding, mapRecord, MappingError, readPath, SourceRecord } from '@trestle/adapter-sdk';
import { CanonicalEntityName, FieldError, hubId, sha256 } from '@trestle/core';
import type { NewCanonicalRecord } from '../store/normalized-batch.repository';
import type { NewDeadLetter } from '../dead-letters/dead-letter.repository';
import { CanonicalValidator } from './canonical-validator';
import { stableJson } from './content-hash';

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

/** Records normalized between two yields to the event loop in normalizeYielding. */
const YIELD_EVERY = 100;

/** Source record -> canonical record: map with the connection's binding, validate against the canonical class. */
@Injectable()
export class RecordNormalizer {
  private readonly validator = new CanonicalValidator();

  normalize(input: NormalizeInput, sources: SourceRecord[]): NormalizedPage {
    const page = new PageBuilder(input, this.validator);
    for (const raw of sources) page.add(raw);
    return page.result();
  }

  /** The same as normalize(), letting other work of the process run every hundred records. */
  async normalizeYielding(input: NormalizeInput, sources: SourceRecord[]): Promise<NormalizedPage> {
    const page = new PageBuilder(input, this.validator);
    for (let index = 0; index < sources.length; index++) {
      if (index > 0 && index % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      page.add(sources[index]);
    }
    return page.result();
  }
}

class PageBuilder {
  private readonly records = new Map<string, NewCanonicalRecord>();
  private readonly rejected: NewDeadLetter[] = [];
  private readonly seen = new Set<string>();
  private readonly quality: PageQuality = { duplicates: 0, missingRequired: {} };
  private readonly now = new Date().toISOString();
  private maxModifiedAt: string | null = null;

  constructor(
    private readonly input: NormalizeInput,
    private readonly validator: CanonicalValidator,
  ) {}

  add(raw: SourceRecord): void {
    const input = this.input;
    const rawJson = stableJson(raw);
    const rawHash = sha256(rawJson);
    let mapped: ReturnType<typeof mapRecord>;
    try {
      mapped = mapRecord(input.binding, raw);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      const sourceId = sourceIdOf(input.binding, raw);
      if (error.field === 'sourceId') this.missing('sourceId');
      else this.countDuplicate(sourceId);
      this.reject('mapping', [{ field: error.field, message: error.message }], sourceId, rawJson, rawHash);
      return;
    }
    this.countDuplicate(mapped.sourceId);
    const values = mapped.values;
    const validation = this.validator.validate(input.entity, values);
    if (validation.errors.length > 0) {
      for (const field of validation.missing) this.missing(field);
      this.reject('validation', validation.errors, mapped.sourceId, rawJson, rawHash);
      return;
    }
    const modifiedAt = mapped.modifiedAt ?? null;
    if (modifiedAt && (!this.maxModifiedAt || modifiedAt > this.maxModifiedAt)) this.maxModifiedAt = modifiedAt;
    const { email, status, customerSourceId } = values;
    this.records.set(mapped.sourceId, {
      id: hubId(input.entity, input.connectionId, mapped.sourceId),
      connectionId: input.connectionId,
      entity: input.entity,
      sourceId: mapped.sourceId,
      data: JSON.stringify(values),
      contentHash: sha256(stableJson(values)),
      rawHash,
      label: firstString(values, LABEL_FIELDS)?.slice(0, 300) ?? null,
      search: searchText(values),
      email: typeof email === 'string' ? email.toLowerCase() : null,
      status: typeof status === 'string' ? status : null,
      customerSourceId: typeof customerSourceId === 'string' ? customerSourceId : null,
      modifiedAt: modifiedAt ?? this.now,
      fetchedAt: input.fetchedAt,
      mappingVersion: input.mappingVersion,
      syncRunId: input.runId,
    });
  }

  result(): NormalizedPage {
    return {
      records: [...this.records.values()],
      rejected: this.rejected,
      maxModifiedAt: this.maxModifiedAt,
      quality: this.quality,
    };
  }

  private reject(
    stage: NewDeadLetter['stage'],
    errors: FieldError[],
    sourceId: string | null,
    raw: string,
    rawHash: string,
  ): void {
    const input = this.input;
    this.rejected.push({
      connectionId: input.connectionId,
      entity: input.entity,
      sourceId,
      syncRunId: input.runId,
      stage,
      reason: `${stage === 'mapping' ? 'Mapping' : 'Validation'} failed: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      errors,
      raw,
      rawHash,
    });
  }

  private missing(field: string): void {
    this.quality.missingRequired[field] = (this.quality.missingRequired[field] ?? 0) + 1;
  }

  private countDuplicate(sourceId: string | null): void {
    if (sourceId === null) return;
    if (this.seen.has(sourceId)) this.quality.duplicates += 1;
    else this.seen.add(sourceId);
  }
}

/** The searched fields' text, lower-cased, one per line. */
function searchText(values: Record<string, unknown>): string {
  let text: string | undefined;
  for (const field of SEARCHED_FIELDS) {
    const value = values[field];
    if (typeof value === 'string') text = text === undefined ? value : `${text}\n${value}`;
  }
  return text === undefined ? '' : text.toLowerCase();
}

function firstString(values: Record<string, unknown>, fields: string[]): string | undefined {
  for (const field of fields) if (typeof values[field] === 'string') return values[field] as string;
  return undefined;
}

function sourceIdOf(binding: EntityBinding, raw: SourceRecord): string | null {
  const value = readPath(raw, binding.sourceId);
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim().slice(0, 400) : null;
}
