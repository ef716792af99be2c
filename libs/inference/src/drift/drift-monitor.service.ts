import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '@trestle/audit';
import type { TenantId } from '@trestle/auth';
import { AppConfig, ProblemException } from '@trestle/core';
import { InferenceMetrics } from '../batching/inference-metrics';
import type { ModelInput, ModelOutput } from '../providers/inference-provider';
import type { DriftDeclaration, ModelDeclaration } from '../registry/model-declaration';
import { compileInputBuilder } from '../registry/feature-builders';
import { ModelRegistry, RegisteredModel } from '../registry/model-registry.service';
import { DriftAlert, DriftAlertSink, DriftEventType, DriftFeatureIndex } from './drift-alert.sink';
import type { DriftReferenceEntity } from './drift-reference.entity';
import { DriftKey, DriftRepository } from './drift.repository';
import { DriftFeatureResponse, ModelDriftResponse } from './model-drift.dto';
import { histogram, populationStabilityIndex, quantileEdges } from './population-stability';

/** A monitored feature: a tensor column (input) or the model's numeric output. */
interface DriftFeature {
  name: string;
  kind: 'input' | 'output';
}

export interface ScoredInput {
  input: ModelInput;
  output: number | ModelOutput;
}

type DriftSettings = Required<Omit<DriftDeclaration, 'enabled'>> & { enabled: boolean };

const SLICES_PER_WINDOW = 24;
const DEFAULT_BINS = 10;

/**
 * Input and output drift per model and tenant. The first `referenceSize` scored records form the
 * reference: quantile bins per feature and their counts. Later records are counted into the bins of
 * time slices (incremental, persisted, safe for several processes); the current window is the sum of
 * the last slices, compared with the reference by population stability index. Crossing the threshold
 * is audited and raised through the DriftAlertSink.
 */
@Injectable()
export class DriftMonitor {
  private readonly logger = new Logger(DriftMonitor.name);
  private readonly pruned = new Map<string, number>();

  constructor(
    private readonly repository: DriftRepository,
    private readonly registry: ModelRegistry,
    private readonly config: AppConfig,
    private readonly metrics: InferenceMetrics,
    private readonly audit: AuditWriter,
    private readonly sink: DriftAlertSink,
  ) {}

  settings(declaration: ModelDeclaration): DriftSettings {
    const drift = declaration.drift ?? {};
    return {
      enabled: drift.enabled !== false && featuresOf(declaration).length > 0,
      referenceSize: drift.referenceSize ?? this.config.inferenceDriftReferenceSize,
      windowMinutes: drift.windowMinutes ?? this.config.inferenceDriftWindowMinutes,
      bins: drift.bins ?? DEFAULT_BINS,
      threshold: drift.threshold ?? this.config.inferenceDriftThreshold,
      minSamples: drift.minSamples ?? this.config.inferenceDriftMinSamples,
    };
  }

  /** Counts freshly scored records; never throws (drift must not fail inference). */
  async observe(tenantId: TenantId, model: RegisteredModel, scored: ScoredInput[]): Promise<void> {
    if (scored.length === 0) return;
    try {
      await this.count(tenantId, model, scored);
    } catch (error) {
      this.logger.warn(
        `Drift of ${model.declaration.name} not updated: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async report(tenantId: TenantId, name: string, now = new Date()): Promise<ModelDriftResponse> {
    const declaration = this.declaration(name);
    const settings = this.settings(declaration);
    const key = keyOf(declaration);
    const base = {
      model: declaration.name,
      version: declaration.version,
      threshold: settings.threshold,
      alerting: false,
      features: [] as DriftFeatureResponse[],
      evaluatedAt: now.toISOString(),
    };
    if (!settings.enabled) return { ...base, status: 'disabled' };
    const reference = await this.repository.reference(tenantId, key);
    if (!reference || reference.status === 'collecting') {
      const collected = reference ? await this.repository.sampleCount(tenantId, key, reference.epoch) : 0;
      return {
        ...base,
        status: 'collecting',
        reference: { source: 'first', size: settings.referenceSize, collected, readyAt: null },
        features: featuresOf(declaration).map((f) => ({ ...f, psi: null, drifted: false, bins: [] })),
      };
    }
    const evaluation = await this.evaluate(tenantId, declaration, settings, reference, now);
    return evaluation.report;
  }

  /** `current`: the current window becomes the reference (same bins); `restart`: collect a new one. */
  async pin(tenantId: TenantId, name: string, from: 'current' | 'restart'): Promise<ModelDriftResponse> {
    const declaration = this.declaration(name);
    const settings = this.settings(declaration);
    if (!settings.enabled) throw ProblemException.conflict(`Model '${name}' has no drift monitoring.`);
    const key = keyOf(declaration);
    if (from === 'restart') {
      await this.repository.restart(tenantId, key, settings.referenceSize, JSON.stringify(featuresOf(declaration)));
      return this.report(tenantId, name);
    }
    const reference = await this.repository.reference(tenantId, key);
    if (!reference || reference.status !== 'ready') {
      throw ProblemException.conflict(`The drift reference of '${name}' is still being collected.`);
    }
    const edges = JSON.parse(reference.edges ?? '[]') as number[][];
    const current = await this.windowHistograms(tenantId, key, reference.epoch, edges, settings, new Date());
    if (current.every((counts) => sum(counts) < settings.minSamples)) {
      throw ProblemException.conflict(
        `The current window of '${name}' holds fewer than ${settings.minSamples} records; nothing to pin.`,
      );
    }
    await this.repository.pin(tenantId, key, reference.epoch, current);
    return this.report(tenantId, name);
  }

  private async count(tenantId: TenantId, model: RegisteredModel, scored: ScoredInput[]): Promise<void> {
    const { declaration } = model;
    const settings = this.settings(declaration);
    if (!settings.enabled) return;
    const key = keyOf(declaration);
    const features = featuresOf(declaration);
    let reference = await this.repository.reference(tenantId, key);
    if (!reference) {
      await this.repository.createReference(tenantId, key, settings.referenceSize, JSON.stringify(features));
      reference = await this.repository.reference(tenantId, key);
      if (!reference) return;
    }
    let rows = scored.map((item) => valuesOf(item, features));
    if (reference.status === 'collecting') {
      const have = await this.repository.sampleCount(tenantId, key, reference.epoch);
      const taken = rows.slice(0, Math.max(0, reference.targetSize - have));
      await this.repository.addSamples(tenantId, key, reference.epoch, taken);
      rows = rows.slice(taken.length);
      if (have + taken.length < reference.targetSize) return;
      const samples = await this.repository.firstSamples(tenantId, key, reference.epoch, reference.targetSize);
      const edges = features.map((_, index) =>
        quantileEdges(
          samples.map((values) => values[index]).filter((v): v is number => v !== null),
          settings.bins,
        ),
      );
      const counts = edges.map((featureEdges, index) =>
        histogram(
          featureEdges,
          samples.map((values) => values[index]),
        ),
      );
      if (await this.repository.completeReference(tenantId, key, reference.epoch, edges, counts)) {
        await this.repository.deleteSamples(tenantId, key);
        this.logger.log(`Drift reference of ${declaration.name}@${declaration.version} ready (tenant ${tenantId})`);
      }
      reference = await this.repository.reference(tenantId, key);
      if (!reference || reference.status !== 'ready') return;
    }
    if (rows.length === 0) return;
    const now = new Date();
    const edges = JSON.parse(reference.edges ?? '[]') as number[][];
    const cells = new Map<string, { feature: number; bin: number; count: number }>();
    edges.forEach((featureEdges, feature) => {
      histogram(
        featureEdges,
        rows.map((values) => values[feature] ?? null),
      ).forEach((count, bin) => {
        if (count > 0) cells.set(`${feature}:${bin}`, { feature, bin, count });
      });
    });
    await this.repository.addCounts(tenantId, key, reference.epoch, sliceOf(now, settings), [...cells.values()]);
    const { drifted, report } = await this.evaluate(tenantId, declaration, settings, reference, now);
    await this.transition(tenantId, declaration, settings, reference, drifted, report);
  }

  private async evaluate(
    tenantId: TenantId,
    declaration: ModelDeclaration,
    settings: DriftSettings,
    reference: DriftReferenceEntity,
    now: Date,
  ): Promise<{ drifted: DriftFeatureIndex[]; report: ModelDriftResponse }> {
    const key = keyOf(declaration);
    const features = JSON.parse(reference.features) as DriftFeature[];
    const edges = JSON.parse(reference.edges ?? '[]') as number[][];
    const referenceCounts = JSON.parse(reference.counts ?? '[]') as number[][];
    const current = await this.windowHistograms(tenantId, key, reference.epoch, edges, settings, now);
    const windowRecords = Math.max(0, ...current.map(sum));
    const enough = windowRecords >= settings.minSamples;
    const evaluated = features.map((feature, index) => {
      const psi =
        enough && sum(current[index]) > 0 ? populationStabilityIndex(referenceCounts[index], current[index]) : null;
      const referenceTotal = sum(referenceCounts[index]);
      const currentTotal = sum(current[index]);
      return {
        name: feature.name,
        kind: feature.kind,
        psi,
        drifted: psi !== null && psi > settings.threshold,
        bins: referenceCounts[index].map((count, bin) => ({
          upper: bin < edges[index].length ? edges[index][bin] : null,
          reference: referenceTotal ? count / referenceTotal : 0,
          current: currentTotal ? current[index][bin] / currentTotal : 0,
        })),
      };
    });
    const drifted = evaluated
      .filter((f) => f.drifted)
      .map((f) => ({ feature: f.name, kind: f.kind, psi: f.psi as number }));
    this.metrics.drift(
      { tenant: tenantId, model: declaration.name, version: declaration.version },
      windowRecords,
      drifted.length > 0,
      evaluated.map((f) => ({ kind: f.kind, feature: f.name, psi: f.psi })),
    );
    return {
      drifted,
      report: {
        model: declaration.name,
        version: declaration.version,
        status: enough ? 'monitoring' : 'insufficient',
        threshold: settings.threshold,
        alerting: drifted.length > 0,
        reference: {
          source: reference.source,
          size: Math.max(0, ...referenceCounts.map(sum)),
          collected: Math.max(0, ...referenceCounts.map(sum)),
          readyAt: reference.readyAt,
        },
        window: { minutes: settings.windowMinutes, records: windowRecords, minSamples: settings.minSamples },
        features: evaluated,
        evaluatedAt: now.toISOString(),
      },
    };
  }

  private async windowHistograms(
    tenantId: TenantId,
    key: DriftKey,
    epoch: number,
    edges: number[][],
    settings: DriftSettings,
    now: Date,
  ): Promise<number[][]> {
    const since = windowStart(now, settings);
    const prunedKey = `${tenantId}\u0000${key.model}\u0000${key.version}`;
    if ((this.pruned.get(prunedKey) ?? -1) < since) {
      await this.repository.dropCountsBefore(tenantId, key, since);
      this.pruned.set(prunedKey, since);
    }
    const current = edges.map((featureEdges) => new Array<number>(featureEdges.length + 1).fill(0));
    for (const cell of await this.repository.windowCounts(tenantId, key, epoch, since)) {
      if (current[cell.feature] && cell.bin < current[cell.feature].length)
        current[cell.feature][cell.bin] += cell.count;
    }
    return current;
  }

  /** Raises `detected` when features newly go over the threshold, `resolved` when none is over it any more. */
  private async transition(
    tenantId: TenantId,
    declaration: ModelDeclaration,
    settings: DriftSettings,
    reference: DriftReferenceEntity,
    drifted: DriftFeatureIndex[],
    report: ModelDriftResponse,
  ): Promise<void> {
    if (report.status !== 'monitoring') return;
    const before = reference.alerting ? reference.alerting.split(',') : [];
    const now = drifted.map((f) => f.feature).sort();
    const next = now.join(',');
    if (next === reference.alerting) return;
    const newly = now.filter((name) => !before.includes(name));
    const type: DriftEventType | undefined =
      newly.length > 0 ? 'inference.drift.detected' : now.length === 0 ? 'inference.drift.resolved' : undefined;
    if (!(await this.repository.setAlerting(tenantId, keyOf(declaration), reference.epoch, reference.alerting, next))) {
      return;
    }
    if (!type) return;
    const alert: DriftAlert = {
      tenantId,
      type,
      subject: `inference/models/${declaration.name}`,
      data: {
        model: declaration.name,
        version: declaration.version,
        threshold: settings.threshold,
        drifted,
        changed: type === 'inference.drift.detected' ? newly : before,
        windowRecords: report.window?.records ?? 0,
        evaluatedAt: report.evaluatedAt,
      },
    };
    await this.audit.record(
      {
        tenantId,
        actor: 'system:inference',
        action: type,
        resource: alert.subject,
        outcome: 'success',
        status: type === 'inference.drift.detected' ? 'drifted' : 'stable',
        details: alert.data as unknown as Record<string, unknown>,
      },
      { durable: true },
    );
    await this.sink.raise(alert);
  }

  private declaration(name: string): ModelDeclaration {
    const found = this.registry.list().find((entry) => entry.declaration.name === name);
    if (!found) throw ProblemException.notFound('Model', name);
    return found.declaration;
  }
}

function keyOf(declaration: ModelDeclaration): DriftKey {
  return { model: declaration.name, version: declaration.version };
}

const FEATURES = new WeakMap<ModelDeclaration, DriftFeature[]>();

/** Tensor columns, then the output when it is a number (`scalar`). */
function featuresOf(declaration: ModelDeclaration): DriftFeature[] {
  let features = FEATURES.get(declaration);
  if (!features) {
    const columns = compileInputBuilder(declaration.name, declaration.input).columns;
    const inputs = columns.map((name) => ({ name, kind: 'input' as const }));
    features = declaration.output.scalar
      ? [...inputs, { name: declaration.output.enrichment, kind: 'output' }]
      : inputs;
    FEATURES.set(declaration, features);
  }
  return features;
}

function valuesOf(item: ScoredInput, features: DriftFeature[]): (number | null)[] {
  const inputs = Array.isArray(item.input) ? item.input : [];
  return features.map((feature, index) => {
    const value =
      feature.kind === 'input'
        ? inputs[index]
        : typeof item.output === 'number'
          ? item.output
          : Array.isArray(item.output) && item.output.length === 1
            ? item.output[0]
            : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  });
}

function sliceMinutes(settings: DriftSettings): number {
  return Math.max(1, Math.floor(settings.windowMinutes / SLICES_PER_WINDOW));
}

function sliceOf(now: Date, settings: DriftSettings): number {
  const minutes = Math.floor(now.getTime() / 60_000);
  const length = sliceMinutes(settings);
  return minutes - (minutes % length);
}

/** The first slice of the current window: the window's length back, in whole slices. */
function windowStart(now: Date, settings: DriftSettings): number {
  const length = sliceMinutes(settings);
  return sliceOf(now, settings) - (Math.ceil(settings.windowMinutes / length) - 1) * length;
}

function sum(counts: readonly number[] | undefined): number {
  return (counts ?? []).reduce((total, count) => total + count, 0);
}
