import type { LatencyRow } from './audit-stats';
import { chartFrame, niceMax } from './chart-frame';
import { svg } from './svg-element';

const WIDTH = 640;
const PAD = { left: 140, right: 96, top: 8, bottom: 8 };
const BAR = 16;
const GROUP_GAP = 18;
const MEASURES = ['p50', 'p95', 'p99'] as const;

/** Horizontal grouped bars: p50, p95 and p99 latency per connection. */
export function latencyChart(id: string, title: string, rows: LatencyRow[]): HTMLElement {
  const groupHeight = MEASURES.length * BAR + GROUP_GAP;
  const height = PAD.top + PAD.bottom + rows.length * groupHeight;
  const max = niceMax(Math.max(1, ...rows.map((row) => row.p99)));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart-svg' });

  rows.forEach((row, rowIndex) => {
    const top = PAD.top + rowIndex * groupHeight;
    chart.append(
      svg(
        'text',
        { x: PAD.left - 8, y: top + (MEASURES.length * BAR) / 2 + 4, class: 'axis-label', 'text-anchor': 'end' },
        truncate(row.name),
      ),
    );
    MEASURES.forEach((measure, measureIndex) => {
      const width = Math.max(1, (row[measure] / max) * plotWidth);
      const y = top + measureIndex * BAR;
      chart.append(
        svg(
          'rect',
          { x: PAD.left, y, width, height: BAR - 2, class: `bar series-${measureIndex}` },
          svg('title', {}, `${row.name} ${measure}: ${row[measure]} ms`),
        ),
        svg('text', { x: PAD.left + width + 4, y: y + BAR - 5, class: 'bar-label' }, `${measure} ${row[measure]} ms`),
      );
    });
  });

  const slowest = [...rows].sort((a, b) => b.p95 - a.p95)[0];
  const summary = slowest
    ? `Slowest at p95: ${slowest.name} with ${slowest.p95} ms over ${slowest.count} calls.`
    : 'No timed calls yet.';
  return chartFrame(
    id,
    title,
    summary,
    chart,
    MEASURES.map((measure) => `${measure} (ms)`),
    {
      headers: ['Connection', 'Calls', 'p50 ms', 'p95 ms', 'p99 ms'],
      rows: rows.map((row) => [row.name, row.count, row.p50, row.p95, row.p99]),
    },
  );
}

function truncate(name: string): string {
  return name.length > 20 ? `${name.slice(0, 19)}…` : name;
}
