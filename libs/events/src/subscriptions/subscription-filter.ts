/** Which events a subscription takes: every list that is not empty must contain the event's value. */
export interface SubscriptionFilter {
  entities: readonly string[];
  connectionIds: readonly string[];
  /** Exact types, or a prefix ending in `*` (`trestle.alert.*`). */
  types: readonly string[];
}

export interface FilteredEvent {
  type: string;
  entity: string | null;
  connectionId: string | null;
}

export function matchesFilter(filter: SubscriptionFilter, event: FilteredEvent): boolean {
  if (filter.entities.length > 0 && (!event.entity || !filter.entities.includes(event.entity))) return false;
  if (filter.connectionIds.length > 0 && (!event.connectionId || !filter.connectionIds.includes(event.connectionId))) {
    return false;
  }
  if (filter.types.length === 0) return true;
  return filter.types.some((pattern) =>
    pattern.endsWith('*') ? event.type.startsWith(pattern.slice(0, -1)) : event.type === pattern,
  );
}
