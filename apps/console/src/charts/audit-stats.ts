import type { AuditEvent } from '../api/hub-types';

export interface Series {
  name: string;
  values: number[];
}

export interface TimeBuckets {
  starts: number[];
  widthMs: number;
}

const WIDTHS_MS = [1, 5, 15, 60, 300, 900, 3600, 6 * 3600, 86_400].map((seconds) => seconds * 1000);
const MAX_BUCKETS = 24;

/** Evenly sized time buckets covering every event, at the smallest width that needs at most 24 of them. */
export function timeBuckets(events: AuditEvent[]): TimeBuckets {
  const times = events.map((event) => Date.parse(event.occurredAt));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const widthMs = WIDTHS_MS.find((width) => (last - first) / width < MAX_BUCKETS) ?? WIDTHS_MS[WIDTHS_MS.length - 1];
  const start = Math.floor(first / widthMs) * widthMs;
  const count = Math.floor((last - start) / widthMs) + 1;
  return { widthMs, starts: Array.from({ length: count }, (_, index) => start + index * widthMs) };
}

function bucketOf(buckets: TimeBuckets, event: AuditEvent): number {
  return Math.floor((Date.parse(event.occurredAt) - buckets.starts[0]) / buckets.widthMs);
}

/** Calls that touched each connection, per bucket; the busiest five by name, the rest as "other". */
export function callsPerConnection(
  events: AuditEvent[],
  buckets: TimeBuckets,
  nameOf: (id: string) => string,
): Series[] {
  const byConnection = new Map<string, number[]>();
  for (const event of events) {
    if (!event.connectionId) continue;
    const values = byConnection.get(event.connectionId) ?? buckets.starts.map(() => 0);
    values[bucketOf(buckets, event)] += 1;
    byConnection.set(event.connectionId, values);
  }
  const ranked = [...byConnection.entries()].sort((a, b) => sum(b[1]) - sum(a[1]));
  const series = ranked.slice(0, 5).map(([id, values]) => ({ name: nameOf(id), values }));
  if (ranked.length > 5) {
    const other = buckets.starts.map((_, index) => sum(ranked.slice(5).map(([, values]) => values[index])));
    series.push({ name: 'other', values: other });
  }
  return series;
}

/** Share of failed events per bucket, in percent (null where a bucket has no events). */
export function errorRate(events: AuditEvent[], buckets: TimeBuckets): (number | null)[] {
  const total = buckets.starts.map(() => 0);
  const failed = buckets.starts.map(() => 0);
  for (const event of events) {
    const index = bucketOf(buckets, event);
    total[index] += 1;
    if (event.outcome === 'failure') failed[index] += 1;
  }
  return total.map((count, index) => (count === 0 ? null : (100 * failed[index]) / count));
}

export interface LatencyRow {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  count: number;
}

/** p50/p95/p99 of recorded durations per connection (nearest-rank), busiest first. */
export function latencyPercentiles(events: AuditEvent[], nameOf: (id: string) => string): LatencyRow[] {
  const durations = new Map<string, number[]>();
  for (const event of events) {
    if (!event.connectionId || event.durationMs === null) continue;
    durations.set(event.connectionId, [...(durations.get(event.connectionId) ?? []), event.durationMs]);
  }
  return [...durations.entries()]
    .map(([id, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return {
        name: nameOf(id),
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        count: sorted.length,
      };
    })
    .sort((a, b) => b.count - a.count)
    .slice(0, 8);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
