import { chartFrame, niceMax } from './chart-frame';
import { svg } from './svg-element';

export interface LineChartOptions {
  id: string;
  title: string;
  summary: string;
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
  unit?: string;
  max?: number;
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 48, right: 28, top: 12, bottom: 32 };

/** A small multi-series line chart in inline SVG. */
export function lineChart(options: LineChartOptions): HTMLElement {
  const { labels, series, unit = '' } = options;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const highest = Math.max(
    0,
    ...series.flatMap((line) => line.values.filter((value): value is number => value !== null)),
  );
  const max = options.max ?? niceMax(highest);
  const x = (index: number) =>
    PAD.left + (labels.length === 1 ? plotWidth / 2 : (index * plotWidth) / (labels.length - 1));
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight;

  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart-svg' });
  for (let tick = 0; tick <= 4; tick++) {
    const value = (max * tick) / 4;
    chart.append(
      svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value), class: 'grid' }),
      svg(
        'text',
        { x: PAD.left - 6, y: y(value) + 4, class: 'axis-label', 'text-anchor': 'end' },
        `${round(value)}${unit}`,
      ),
    );
  }
  const every = Math.max(1, Math.ceil(labels.length / 6));
  const anchorOf = (index: number) =>
    labels.length > 1 && index === labels.length - 1 ? 'end' : index === 0 && labels.length > 1 ? 'start' : 'middle';
  labels.forEach((label, index) => {
    if (index % every === 0)
      chart.append(
        svg('text', { x: x(index), y: HEIGHT - 10, class: 'axis-label', 'text-anchor': anchorOf(index) }, label),
      );
  });
  series.forEach((line, seriesIndex) => {
    const points = line.values
      .map((value, index) => (value === null ? null : `${x(index).toFixed(1)},${y(value).toFixed(1)}`))
      .filter((point): point is string => point !== null);
    if (points.length > 1)
      chart.append(svg('polyline', { points: points.join(' '), class: `line series-${seriesIndex}` }));
    line.values.forEach((value, index) => {
      if (value !== null)
        chart.append(
          svg(
            'circle',
            { cx: x(index), cy: y(value), r: 3, class: `dot series-${seriesIndex}` },
            svg('title', {}, `${line.name}, ${labels[index]}: ${round(value)}${unit}`),
          ),
        );
    });
  });

  return chartFrame(
    options.id,
    options.title,
    options.summary,
    chart,
    series.map((line) => line.name),
    {
      headers: ['Time', ...series.map((line) => line.name)],
      rows: labels.map((label, index) => [
        label,
        ...series.map((line) => (line.values[index] === null ? '—' : `${round(line.values[index]!)}${unit}`)),
      ]),
    },
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
