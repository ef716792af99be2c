import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, ProblemException, Scope } from '@trestle/core';
import { actorOf, DEFAULT_TENANT, hasScope, Principal, trustedTenantId } from '../principal';
import { mintApiKey, parseApiKey, secretMatches } from './api-key-format';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyUsage } from './api-key-usage';
import { VerifiedKeyCache } from './verified-key-cache';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './api-key.dto';

export const BOOTSTRAP_KEY_ID = '000000000000';

@Injectable()
export class ApiKeyService implements OnApplicationShutdown {
  private readonly verified: VerifiedKeyCache;
  private readonly usage: ApiKeyUsage;

  constructor(
    private readonly keys: ApiKeyRepository,
    config: AppConfig,
  ) {
    this.verified = new VerifiedKeyCache(config.authKeyCacheMs);
    this.usage = new ApiKeyUsage(keys);
  }

  /**
   * Resolves an API key to its principal; revoked, unknown or malformed keys are refused the same
   * way. A key verified in the last AUTH_KEY_CACHE_MS is checked against its remembered hash
   * without reading its row.
   */
  async authenticate(key: string): Promise<Principal> {
    const parsed = parseApiKey(key);
    if (!parsed) throw invalidKey();
    const known = this.verified.get(parsed.id);
    if (known) {
      if (!secretMatches(parsed.secret, known.secretHash)) throw invalidKey();
      this.usage.record(parsed.id);
      return known.principal;
    }
    const stored = await this.keys.findForAuthentication(parsed.id);
    if (!stored || stored.revokedAt || !secretMatches(parsed.secret, stored.secretHash)) throw invalidKey();
    const principal: Principal = {
      kind: 'api-key',
      id: stored.id,
      tenantId: trustedTenantId(stored.tenantId),
      scopes: new Set(stored.scopes as Scope[]),
      displayName: stored.name,
    };
    this.verified.set(stored.id, stored.secretHash, principal);
    this.usage.record(stored.id);
    return principal;
  }

  async create(principal: Principal, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    const tenantId = dto.tenantId ?? principal.tenantId;
    if (tenantId !== principal.tenantId && principal.tenantId !== DEFAULT_TENANT) {
      throw ProblemException.forbidden('Only administrators of the default tenant create keys for other tenants.');
    }
    const beyondCaller = dto.scopes.filter((scope) => !hasScope(principal, scope));
    if (beyondCaller.length > 0) {
      throw ProblemException.forbidden(`A key cannot grant scopes its creator lacks: ${beyondCaller.join(', ')}.`);
    }
    const minted = mintApiKey();
    const saved = await this.keys.insert({
      id: minted.id,
      tenantId,
      name: dto.name,
      secretHash: minted.secretHash,
      scopes: dto.scopes,
      createdBy: actorOf(principal),
    });
    return { ...toResponse(saved), key: minted.key };
  }

  async list(principal: Principal): Promise<ApiKeyResponse[]> {
    await this.usage.flush();
    return (await this.keys.list(principal.tenantId)).map(toResponse);
  }

  async revoke(principal: Principal, id: string): Promise<ApiKeyResponse> {
    const existing = await this.keys.get(principal.tenantId, id);
    if (!existing) throw ProblemException.notFound('API key', id);
    await this.keys.revoke(principal.tenantId, id, new Date());
    this.verified.forget(id);
    return toResponse((await this.keys.get(principal.tenantId, id)) ?? existing);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.usage.close();
  }

  /**
   * On the very first start (no key exists) mints an admin key for the default tenant. Several
   * processes starting together race on one fixed id, so exactly one of them returns the key.
   */
  async mintBootstrapKeyIfNone(): Promise<string | undefined> {
    if ((await this.keys.count()) > 0) return undefined;
    const minted = mintApiKey();
    const key = minted.key.replace(`trk_${minted.id}_`, `trk_${BOOTSTRAP_KEY_ID}_`);
    try {
      await this.keys.insert({
        id: BOOTSTRAP_KEY_ID,
        tenantId: DEFAULT_TENANT,
        name: 'bootstrap admin',
        secretHash: minted.secretHash,
        scopes: [Scope.Admin],
        createdBy: 'system:bootstrap',
      });
    } catch {
      return undefined;
    }
    return key;
  }
}

function invalidKey(): ProblemException {
  return ProblemException.unauthenticated('The API key is invalid or revoked.');
}

function toResponse(entity: ApiKeyEntity): ApiKeyResponse {
  return {
    id: entity.id,
    tenantId: entity.tenantId,
    name: entity.name,
    scopes: entity.scopes,
    createdBy: entity.createdBy,
    createdAt: entity.createdAt.toISOString(),
    lastUsedAt: entity.lastUsedAt?.toISOString() ?? null,
    revokedAt: entity.revokedAt?.toISOString() ?? null,
  };
}
