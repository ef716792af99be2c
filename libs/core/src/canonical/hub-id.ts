import { CANONICAL_ENTITIES, CanonicalEntityName } from './canonical-entities';

/**
 * Stable, reversible hub ids: `<prefix>_<base64url(connectionId:sourceId)>`. The same legacy record
 * always gets the same id, and a live read can find its way back to the system without a lookup.
 */
export function hubId(entity: CanonicalEntityName, connectionId: string, sourceId: string): string {
  return `${CANONICAL_ENTITIES[entity].idPrefix}_${Buffer.from(`${connectionId}:${sourceId}`).toString('base64url')}`;
}

export function parseHubId(
  entity: CanonicalEntityName,
  id: string,
): { connectionId: string; sourceId: string } | undefined {
  const prefix = `${CANONICAL_ENTITIES[entity].idPrefix}_`;
  if (!id.startsWith(prefix)) return undefined;
  const decoded = Buffer.from(id.slice(prefix.length), 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator !== 36) return undefined;
  return { connectionId: decoded.slice(0, separator), sourceId: decoded.slice(separator + 1) };
}
