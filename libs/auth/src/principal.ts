import { Scope } from '@trestle/core';

declare const tenantBrand: unique symbol;

/**
 * A tenant id that came from an authenticated principal (or a trusted system path). Repositories
 * take it first; a plain string does not type-check, so no query can forget the tenant.
 */
export type TenantId = string & { readonly [tenantBrand]: true };

export const DEFAULT_TENANT = 'default';

/** For trusted system code (bootstrap, workers acting for a stored job): the tenant is already known. */
export function trustedTenantId(id: string): TenantId {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw new Error(`Invalid tenant id '${id}'`);
  return id as TenantId;
}

export interface Principal {
  kind: 'user' | 'api-key' | 'system';
  /** JWT `sub` or API key id; never a secret. */
  id: string;
  tenantId: TenantId;
  scopes: ReadonlySet<Scope>;
  displayName?: string;
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has(Scope.Admin) || principal.scopes.has(scope);
}

/** The actor string recorded in audit events and logs: `user:<sub>` or `api-key:<id>`. */
export function actorOf(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}
