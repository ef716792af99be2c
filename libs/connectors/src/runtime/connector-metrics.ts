import { Injectable } from '@nestjs/common';
import { MetricsService } from '@trestle/observability';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { OutboundCall } from './outbound-call';

const BREAKER_STATE_VALUE: Record<string, number> = { closed: 0, 'half-open': 1, open: 2, isolated: 3 };

@Injectable()
export class ConnectorMetrics {
  private readonly calls: Counter<'connection' | 'operation' | 'outcome' | 'code'>;
  private readonly duration: Histogram<'connection' | 'operation'>;
  private readonly breaker: Gauge<'connection'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.calls = new Counter({
      name: 'trestle_connector_calls_total',
      help: 'Calls made to legacy systems, by connection, operation and outcome.',
      labelNames: ['connection', 'operation', 'outcome', 'code'],
      registers,
    });
    this.duration = new Histogram({
      name: 'trestle_connector_call_duration_seconds',
      help: 'Duration of calls to legacy systems, retries included.',
      labelNames: ['connection', 'operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.breaker = new Gauge({
      name: 'trestle_connector_breaker_state',
      help: 'Circuit breaker state per connection: 0 closed, 1 half-open, 2 open, 3 isolated.',
      labelNames: ['connection'],
      registers,
    });
  }

  record(call: OutboundCall): void {
    this.calls.inc({
      connection: call.connectionId,
      operation: call.operation,
      outcome: call.outcome,
      code: call.errorCode ?? '',
    });
    this.duration.observe({ connection: call.connectionId, operation: call.operation }, call.durationMs / 1000);
    this.breakerState(call.connectionId, call.breakerState);
  }

  breakerState(connectionId: string, state: string): void {
    this.breaker.set({ connection: connectionId }, BREAKER_STATE_VALUE[state] ?? 0);
  }

  forget(connectionId: string): void {
    this.breaker.remove({ connection: connectionId });
  }
}
