import { Injectable } from '@nestjs/common';
import { MetricsService } from '@trestle/observability';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { BatchObserver } from './micro-batcher';

type DriftLabel = 'tenant' | 'model' | 'version';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Batch sizes, provider call latency, per-request latency (queueing included), decisions and drift, by model. */
@Injectable()
export class InferenceMetrics {
  private readonly batchSize: Histogram<'model'>;
  private readonly batchDuration: Histogram<'model' | 'outcome'>;
  private readonly requestDuration: Histogram<'model' | 'outcome'>;
  private readonly decisions: Counter<'model' | 'version' | 'outcome'>;
  private readonly driftIndex: Gauge<DriftLabel | 'kind' | 'feature'>;
  private readonly driftAlerting: Gauge<DriftLabel>;
  private readonly driftWindow: Gauge<DriftLabel>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.batchSize = new Histogram({
      name: 'trestle_inference_batch_size',
      help: 'Requests per provider call, by model.',
      labelNames: ['model'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    });
    this.batchDuration = new Histogram({
      name: 'trestle_inference_batch_duration_seconds',
      help: 'Duration of one provider call for a whole batch (retries included), by model and outcome.',
      labelNames: ['model', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'trestle_inference_request_duration_seconds',
      help: 'Latency of one inference request from submission to answer (batching wait included).',
      labelNames: ['model', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.decisions = new Counter({
      name: 'trestle_inference_decisions_total',
      help: 'Inference decisions by model, version and outcome (success, cached, failure).',
      labelNames: ['model', 'version', 'outcome'],
      registers,
    });
    this.driftIndex = new Gauge({
      name: 'trestle_inference_drift_psi',
      help: 'Population stability index of one model input (kind=input) or its output (kind=output), current window against the reference.',
      labelNames: ['tenant', 'model', 'version', 'kind', 'feature'],
      registers,
    });
    this.driftAlerting = new Gauge({
      name: 'trestle_inference_drift_alerting',
      help: "1 while any of a model's features is over its drift threshold, else 0.",
      labelNames: ['tenant', 'model', 'version'],
      registers,
    });
    this.driftWindow = new Gauge({
      name: 'trestle_inference_drift_window_records',
      help: "Scored records in a model's current drift window.",
      labelNames: ['tenant', 'model', 'version'],
      registers,
    });
  }

  observerFor(model: string): BatchObserver {
    return {
      batch: (size, durationMs, outcome) => {
        this.batchSize.observe({ model }, size);
        this.batchDuration.observe({ model, outcome }, durationMs / 1000);
      },
      request: (latencyMs, outcome) => this.requestDuration.observe({ model, outcome }, latencyMs / 1000),
    };
  }

  decision(model: string, version: string, outcome: 'success' | 'cached' | 'failure'): void {
    this.decisions.inc({ model, version, outcome });
  }

  drift(
    labels: Record<DriftLabel, string>,
    windowRecords: number,
    alerting: boolean,
    features: { kind: string; feature: string; psi: number | null }[],
  ): void {
    this.driftWindow.set(labels, windowRecords);
    this.driftAlerting.set(labels, alerting ? 1 : 0);
    for (const { kind, feature, psi } of features) {
      if (psi === null) this.driftIndex.remove({ ...labels, kind, feature });
      else this.driftIndex.set({ ...labels, kind, feature }, psi);
    }
  }
}
