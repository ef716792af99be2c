import { type Child, h } from '../dom/element';

export interface Column<T> {
  header: string;
  cell(row: T): Child | Child[];
  className?: string;
}

/** A captioned table in a horizontally scrollable, focusable region (keyboard users can scroll it). */
export function dataTable<T>(
  caption: string,
  columns: Column<T>[],
  rows: T[],
  rowProps?: (row: T) => object,
): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: 0 },
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((column) => h('th', { scope: 'col', class: column.className }, column.header)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { ...(rowProps?.(row) ?? {}) },
            columns.map((column) => h('td', { class: column.className }, column.cell(row))),
          ),
        ),
      ),
    ),
  );
}
