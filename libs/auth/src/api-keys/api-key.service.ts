import { Injectable } from '@nestjs/common';
import { ProblemException, Scope } from '@trestle/core';
import { actorOf, DEFAULT_TENANT, hasScope, Principal, trustedTenantId } from '../principal';
import { mintApiKey, parseApiKey, secretMatches } from './api-key-format';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './api-key.dto';

const TOUCH_INTERVAL_MS = 60_000;
export const BOOTSTRAP_KEY_ID = '000000000000';

@Injectable()
export class ApiKeyService {
  constructor(private readonly keys: ApiKeyRepository) {}

  /** Resolves an API key to its principal; revoked, unknown or malformed keys are refused the same way. */
  async authenticate(key: string): Promise<Principal> {
    const parsed = parseApiKey(key);
    const stored = parsed && (await this.keys.findForAuthentication(parsed.id));
    if (!parsed || !stored || stored.revokedAt || !secretMatches(parsed.secret, stored.secretHash)) {
      throw ProblemException.unauthenticated('The API key is invalid or revoked.');
    }
    const now = new Date();
    if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.keys.touch(stored.id, now);
    }
    return {
      kind: 'api-key',
      id: stored.id,
      tenantId: trustedTenantId(stored.tenantId),
      scopes: new Set(stored.scopes as Scope[]),
      displayName: stored.name,
    };
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
    return (await this.keys.list(principal.tenantId)).map(toResponse);
  }

  async revoke(principal: Principal, id: string): Promise<ApiKeyResponse> {
    const existing = await this.keys.get(principal.tenantId, id);
    if (!existing) throw ProblemException.notFound('API key', id);
    await this.keys.revoke(principal.tenantId, id, new Date());
    return toResponse((await this.keys.get(principal.tenantId, id)) ?? existing);
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
