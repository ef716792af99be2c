import { Injectable } from '@nestjs/common';
import { MetricsService } from '@trestle/observability';
import { Counter, Gauge } from 'prom-client';

export type CacheOutcome = 'hit' | 'stale' | 'miss' | 'coalesced';

/** Live read cache outcomes per connection, and the hit ratio they add up to. */
@Injectable()
export class LiveCacheMetrics {
  private readonly reads: Counter<'connection' | 'outcome'>;
  private readonly counts = new Map<string, Record<CacheOutcome, number>>();

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.reads = new Counter({
      name: 'trestle_live_cache_reads_total',
      help: 'Cached live reads by connection and outcome: hit, stale (served while refreshing), miss (the system was called), coalesced (waited for an identical call in flight).',
      labelNames: ['connection', 'outcome'],
      registers,
    });
    const counts = this.counts;
    new Gauge({
      name: 'trestle_live_cache_hit_ratio',
      help: 'Share of cached live reads answered without a call of their own to the system (hit, stale or coalesced), per connection.',
      labelNames: ['connection'],
      registers,
      collect() {
        for (const [connection, count] of counts) {
          const answered = count.hit + count.stale + count.coalesced;
          const total = answered + count.miss;
          if (total > 0) this.set({ connection }, answered / total);
        }
      },
    });
  }

  record(connectionId: string, outcome: CacheOutcome): void {
    this.reads.inc({ connection: connectionId, outcome });
    let count = this.counts.get(connectionId);
    if (!count) {
      count = { hit: 0, stale: 0, miss: 0, coalesced: 0 };
      this.counts.set(connectionId, count);
    }
    count[outcome] += 1;
  }
}
