import { Injectable } from '@nestjs/common';
import { AuditWriter } from '@trestle/audit';
import type { TenantId } from '@trestle/auth';
import { isCanonicalEntity, sha256, type CanonicalEntityName } from '@trestle/core';
import { InferenceMetrics } from './batching/inference-metrics';
import { DriftMonitor } from './drift/drift-monitor.service';
import { EnrichmentRepository, NewEnrichment } from './enrichments/enrichment.repository';
import { InferenceError, InferenceErrorCode } from './inference-error';
import type { ModelInput, ModelOutput } from './providers/inference-provider';
import type { EnrichableRecord } from './registry/feature-builders';
import { ModelRegistry, RegisteredModel } from './registry/model-registry.service';

export type EnrichmentValue = number | ModelOutput;

export type EnrichmentOutcome =
  | {
      ok: true;
      recordId: string;
      model: string;
      version: string;
      /** The enrichment field, e.g. `riskScore`. */
      field: string;
      output: EnrichmentValue;
      inputHash: string;
      /** True when this model version had already scored the same input; no new decision was made. */
      cached: boolean;
    }
  | { ok: false; recordId: string; model: string; version: string; error: InferenceError; inputHash?: string };

export interface EnrichOptions {
  requestId?: string;
  /** Only these models of the entity (by name); default: every enabled one. */
  models?: string[];
}

const AUDIT_OUTPUT_LIMIT = 2048;

/**
 * Enriches canonical records with every enabled model of their entity: builds each model's input,
 * skips inputs already scored, sends the rest through the model's micro-batcher, records every decision
 * in the audit trail (model, version, input hash, output, latency), stores the outputs and counts
 * them for drift.
 */
@Injectable()
export class InferenceService {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly enrichments: EnrichmentRepository,
    private readonly audit: AuditWriter,
    private readonly metrics: InferenceMetrics,
    private readonly drift: DriftMonitor,
  ) {}

  /** Whether any registered model reads this entity. */
  scores(entity: string): boolean {
    return isCanonicalEntity(entity) && this.registry.forEntity(entity).length > 0;
  }

  /**
   * One outcome per record and model. Failures come back as outcomes carrying an InferenceError
   * (already retried when transient), so the caller can dead-letter exactly those records.
   */
  async enrich(
    tenantId: TenantId,
    entity: CanonicalEntityName,
    records: EnrichableRecord[],
    options: EnrichOptions = {},
  ): Promise<EnrichmentOutcome[]> {
    const only = options.models && new Set(options.models);
    const models = this.registry.forEntity(entity).filter((model) => !only || only.has(model.declaration.name));
    const outcomes = await Promise.all(
      models.map((model) => this.enrichWith(model, tenantId, entity, records, options)),
    );
    return outcomes.flat();
  }

  private async enrichWith(
    model: RegisteredModel,
    tenantId: TenantId,
    entity: CanonicalEntityName,
    records: EnrichableRecord[],
    options: EnrichOptions,
  ): Promise<EnrichmentOutcome[]> {
    const { name, version, output } = model.declaration;
    const prepared = records.map((record) => {
      try {
        const input = model.input.build(record);
        return { record, input, inputHash: inputHash(input) };
      } catch (error) {
        return { record, error: asInferenceError(error, name) };
      }
    });
    const known = new Map(
      (
        await this.enrichments.existing(
          tenantId,
          entity,
          name,
          version,
          prepared.filter((item) => !item.error).map((item) => item.record.id),
        )
      ).map((row) => [`${row.recordId}\u0000${row.inputHash}`, row]),
    );

    const decided = await Promise.all(
      prepared.map(async (item) => {
        const base = { recordId: item.record.id, model: name, version };
        if (item.error || item.input === undefined) {
          return { outcome: { ...base, ok: false as const, error: item.error as InferenceError }, latencyMs: 0 };
        }
        const row = known.get(`${item.record.id}\u0000${item.inputHash}`);
        if (row) {
          const cached = JSON.parse(row.output) as EnrichmentValue;
          const outcome = { ...base, ok: true as const, field: row.field, output: cached, inputHash: item.inputHash };
          return { outcome: { ...outcome, cached: true }, latencyMs: 0 };
        }
        const started = performance.now();
        try {
          const result = await model.batcher.submit(item.input);
          const value = output.scalar && Array.isArray(result) && result.length === 1 ? result[0] : result;
          return {
            outcome: {
              ...base,
              ok: true as const,
              field: output.enrichment,
              output: value,
              inputHash: item.inputHash,
              cached: false,
            },
            latencyMs: performance.now() - started,
          };
        } catch (error) {
          return {
            outcome: { ...base, ok: false as const, error: asInferenceError(error, name), inputHash: item.inputHash },
            latencyMs: performance.now() - started,
          };
        }
      }),
    );

    const fresh = decided.filter(({ outcome }) => !(outcome.ok && outcome.cached));
    await Promise.all(
      fresh.map(({ outcome, latencyMs }) =>
        this.audit.record(
          {
            tenantId,
            actor: 'system:inference',
            action: 'inference.decision',
            resource: `${entity}/${outcome.recordId}`,
            requestId: options.requestId,
            outcome: outcome.ok ? 'success' : 'failure',
            status: outcome.ok ? 'ok' : outcome.error.code,
            durationMs: latencyMs,
            requestHash: 'inputHash' in outcome ? outcome.inputHash : undefined,
            responseHash: outcome.ok ? sha256(JSON.stringify(outcome.output)) : undefined,
            details: {
              model: name,
              version,
              provider: model.provider.kind,
              ...('inputHash' in outcome && { inputHash: outcome.inputHash }),
              latencyMs: Math.round(latencyMs * 1000) / 1000,
              ...(outcome.ok
                ? { enrichment: `${entity}.${outcome.field}`, output: auditedOutput(outcome.output) }
                : {
                    error: {
                      code: outcome.error.code,
                      message: outcome.error.message,
                      attempts: outcome.error.attempts,
                    },
                  }),
            },
          },
          { durable: true },
        ),
      ),
    );

    const rows: NewEnrichment[] = [];
    for (const { outcome } of fresh) {
      if (!outcome.ok) continue;
      rows.push({
        entity,
        recordId: outcome.recordId,
        model: name,
        modelVersion: version,
        field: outcome.field,
        output: JSON.stringify(outcome.output),
        inputHash: outcome.inputHash,
      });
    }
    await this.enrichments.insert(tenantId, rows);
    const inputs = new Map(prepared.map((item) => [item.record.id, item.input]));
    await this.drift.observe(
      tenantId,
      model,
      fresh.flatMap(({ outcome }) => {
        const input = inputs.get(outcome.recordId);
        return outcome.ok && input !== undefined ? [{ input, output: outcome.output }] : [];
      }),
    );

    for (const { outcome } of decided) {
      this.metrics.decision(name, version, !outcome.ok ? 'failure' : outcome.cached ? 'cached' : 'success');
    }
    return decided.map(({ outcome }) => outcome);
  }
}

/** SHA-256 of the model input as JSON: the record's features (or text), not the whole record. */
export function inputHash(input: ModelInput): string {
  return sha256(JSON.stringify(input));
}

function auditedOutput(output: EnrichmentValue): unknown {
  const json = JSON.stringify(output);
  return json.length <= AUDIT_OUTPUT_LIMIT ? output : { truncated: true, sha256: sha256(json), length: json.length };
}

function asInferenceError(error: unknown, model: string): InferenceError {
  if (InferenceError.is(error)) return error.model ? error : error.withContext({ model });
  return new InferenceError(InferenceErrorCode.ProviderUnavailable, 'inference failed unexpectedly', {
    model,
    cause: error,
  });
}
