import { h } from '../dom/element';

export interface ChartTable {
  headers: string[];
  rows: (string | number)[][];
}

/** A chart figure: caption, the SVG (role img with a text summary), a legend, and its data as a table. */
export function chartFrame(
  id: string,
  title: string,
  summary: string,
  chart: SVGSVGElement,
  legend: string[],
  table: ChartTable,
): HTMLElement {
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-labelledby', `${id}-title`);
  chart.setAttribute('aria-describedby', `${id}-summary`);
  return h(
    'figure',
    { class: 'chart', id },
    h('figcaption', { id: `${id}-title` }, title),
    chart,
    h('p', { id: `${id}-summary`, class: 'chart-summary' }, summary),
    legend.length
      ? h(
          'ul',
          { class: 'legend' },
          legend.map((name, index) =>
            h('li', {}, h('span', { class: `swatch series-${index}`, 'aria-hidden': 'true' }), name),
          ),
        )
      : null,
    h(
      'details',
      {},
      h('summary', {}, 'Show the data'),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              table.headers.map((header) => h('th', { scope: 'col' }, header)),
            ),
          ),
          h(
            'tbody',
            {},
            table.rows.map((row) =>
              h(
                'tr',
                {},
                row.map((cell) => h('td', {}, String(cell))),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Round upper bound for an axis, so ticks land on 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}
