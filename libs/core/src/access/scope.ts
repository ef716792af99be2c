/** What a principal may do. `admin` implies every other scope. */
export const Scope = {
  EntitiesRead: 'entities:read',
  EntitiesWrite: 'entities:write',
  Passthrough: 'passthrough',
  ConnectionsAdmin: 'connections:admin',
  AuditRead: 'audit:read',
  AuditExport: 'audit:export',
  EventsAdmin: 'events:admin',
  Admin: 'admin',
} as const;

export type Scope = (typeof Scope)[keyof typeof Scope];

export const ALL_SCOPES: readonly Scope[] = Object.values(Scope);

export function isScope(value: string): value is Scope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}
