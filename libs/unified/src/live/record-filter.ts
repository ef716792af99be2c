import type { ListEntitiesQuery } from './list-entities.query';

const SEARCHED_FIELDS = ['name', 'number', 'sku', 'lastName', 'firstName'];

/** The list filters applied to canonical records (live mode filters after mapping). */
export function matchesFilters(record: Record<string, unknown>, query: ListEntitiesQuery): boolean {
  if (query.status !== undefined && record.status !== query.status) return false;
  if (query.email !== undefined && String(record.email ?? '').toLowerCase() !== query.email.toLowerCase()) return false;
  if (query.customerSourceId !== undefined && record.customerSourceId !== query.customerSourceId) return false;
  if (query.q !== undefined) {
    const needle = query.q.toLowerCase();
    return SEARCHED_FIELDS.some(
      (field) => typeof record[field] === 'string' && (record[field] as string).toLowerCase().includes(needle),
    );
  }
  return true;
}
