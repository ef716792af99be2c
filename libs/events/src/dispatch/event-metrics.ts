import { Injectable } from '@nestjs/common';
import { MetricsService } from '@trestle/observability';
import { Counter, Histogram } from 'prom-client';

@Injectable()
export class EventMetrics {
  private readonly tries: Counter<'kind' | 'outcome'>;
  private readonly duration: Histogram<'kind'>;
  private readonly routed: Counter;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.tries = new Counter({
      name: 'trestle_event_delivery_tries_total',
      help: 'Tries to deliver a change event, by subscription kind and outcome (delivered, retry, dead).',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'trestle_event_delivery_duration_seconds',
      help: 'Duration of one webhook call or stream publish.',
      labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.routed = new Counter({
      name: 'trestle_events_routed_total',
      help: 'Outbox events routed to subscriptions by this process.',
      registers,
    });
  }

  tried(kind: string, outcome: 'delivered' | 'retry' | 'dead', seconds: number): void {
    this.tries.inc({ kind, outcome });
    this.duration.observe({ kind }, seconds);
  }

  routedEvents(count: number): void {
    if (count > 0) this.routed.inc(count);
  }
}
