import { h } from '../dom/element';
import { dataTable } from './data-table';

/** A table of records whose shape this console does not know: one column per scalar field found. */
export function recordTable(caption: string, records: Record<string, unknown>[], maxColumns = 7): HTMLElement {
  const names: string[] = [];
  for (const record of records.slice(0, 20)) {
    for (const [name, value] of Object.entries(record)) {
      if (!names.includes(name) && (value === null || typeof value !== 'object')) names.push(name);
    }
  }
  return dataTable(
    caption,
    names.slice(0, maxColumns).map((name) => ({
      header: name,
      cell: (record: Record<string, unknown>) => {
        const value = record[name];
        return value === null || value === undefined ? '—' : h('span', {}, String(value));
      },
    })),
    records,
  );
}
