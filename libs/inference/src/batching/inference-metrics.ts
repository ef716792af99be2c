import { Injectable } from '@nestjs/common';
import { MetricsService } from '@trestle/observability';
import { Counter, Histogram } from 'prom-client';
import type { BatchObserver } from './micro-batcher';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Batch sizes, provider call latency, per-request latency (queueing included) and decisions, by model. */
@Injectable()
export class InferenceMetrics {
  private readonly batchSize: Histogram<'model'>;
  private readonly batchDuration: Histogram<'model' | 'outcome'>;
  private readonly requestDuration: Histogram<'model' | 'outcome'>;
  private readonly decisions: Counter<'model' | 'version' | 'outcome'>;

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
}
