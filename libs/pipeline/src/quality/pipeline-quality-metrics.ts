import { Inject, Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '@trestle/observability';
import { Counter, Gauge } from 'prom-client';
import { PIPELINE_OPTIONS, PipelineOptions } from '../pipeline-runner.service';
import { PipelineQualityRepository, QualityFigures } from './pipeline-quality.repository';
import { rejectedRate } from './pipeline-quality.service';

/** One read serves every collector of a scrape. */
const FRESH_FOR_MS = 1000;

type Labels = 'tenant' | 'connection' | 'entity';

/**
 * The data-quality counters as Prometheus metrics, read from the database at scrape time so one
 * process shows the figures of every worker. Only the process that serves the API (not the
 * queue workers) exports them, so a scrape of all processes does not count them twice.
 */
@Injectable()
export class PipelineQualityMetrics {
  private readonly logger = new Logger(PipelineQualityMetrics.name);
  private latest?: { at: number; figures: Promise<QualityFigures[]> };

  constructor(
    metrics: MetricsService,
    private readonly quality: PipelineQualityRepository,
    @Inject(PIPELINE_OPTIONS) options: PipelineOptions,
  ) {
    if (options.consume) return;
    const registers = [metrics.registry];
    const figures = () => this.figures();
    const labels = (row: QualityFigures) => ({
      tenant: row.tenantId,
      connection: row.connectionId,
      entity: row.entity,
    });
    new Counter<Labels | 'outcome'>({
      name: 'trestle_pipeline_records_total',
      help: 'Source records normalized by sync runs, by outcome: read, written (new or changed), unchanged, rejected (dead letters).',
      labelNames: ['tenant', 'connection', 'entity', 'outcome'],
      registers,
      async collect() {
        const rows = await figures();
        this.reset();
        for (const row of rows) {
          for (const [outcome, value] of [
            ['read', row.recordsRead],
            ['written', row.written],
            ['unchanged', row.unchanged],
            ['rejected', row.rejected],
          ] as const) {
            this.inc({ ...labels(row), outcome }, value);
          }
        }
      },
    });
    new Counter<Labels>({
      name: 'trestle_pipeline_duplicates_total',
      help: 'Source records delivered again for a sourceId an earlier record of the same sync page had delivered.',
      labelNames: ['tenant', 'connection', 'entity'],
      registers,
      async collect() {
        const rows = await figures();
        this.reset();
        for (const row of rows) this.inc(labels(row), row.duplicates);
      },
    });
    new Counter<Labels | 'field'>({
      name: 'trestle_pipeline_missing_required_total',
      help: 'Rejected source records per required canonical field they lacked.',
      labelNames: ['tenant', 'connection', 'entity', 'field'],
      registers,
      async collect() {
        const rows = await figures();
        this.reset();
        for (const row of rows) {
          for (const [field, value] of Object.entries(row.missingRequired)) this.inc({ ...labels(row), field }, value);
        }
      },
    });
    new Gauge<Labels>({
      name: 'trestle_pipeline_rejected_ratio',
      help: 'Rejected records / records read, per connection and entity.',
      labelNames: ['tenant', 'connection', 'entity'],
      registers,
      async collect() {
        const rows = await figures();
        this.reset();
        for (const row of rows) this.set(labels(row), rejectedRate(row));
      },
    });
  }

  private figures(): Promise<QualityFigures[]> {
    const now = Date.now();
    if (!this.latest || now - this.latest.at > FRESH_FOR_MS) {
      const figures = this.quality.listOfEveryTenant().catch((error: unknown) => {
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Quality figures unreadable');
        return [];
      });
      this.latest = { at: now, figures };
    }
    return this.latest.figures;
  }
}
