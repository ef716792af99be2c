import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  AppConfig,
  ProblemException,
  PUBLIC_ROUTE,
  PUBLIC_ROUTE_IF,
  RequestContext,
  REQUIRED_SCOPES,
  Scope,
} from '@trestle/core';
import { looksLikeApiKey } from '../api-keys/api-key-format';
import { ApiKeyService } from '../api-keys/api-key.service';
import { JwtVerifier } from '../jwt/jwt-verifier';
import { actorOf, hasScope, Principal } from '../principal';
import { requestOf } from './request-principal';

/**
 * Deny by default: a handler is reachable only if it is marked @Public, or the caller presents
 * valid credentials and holds every scope its @RequireScopes names. A handler with neither is a
 * programming error and is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly apiKeys: ApiKeyService,
    private readonly jwt: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const publicIf = this.reflector.getAllAndOverride<keyof AppConfig | undefined>(PUBLIC_ROUTE_IF, targets);
    if (publicIf && this.config[publicIf] === true) return true;

    const required = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES, targets);
    if (!required) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access policy; refused`);
      throw ProblemException.forbidden('This operation declares no access policy.');
    }
    const request = requestOf(context);
    const principal = request.principal ?? (await this.authenticate(request.headers));
    request.principal = principal;
    const callContext = RequestContext.current();
    if (callContext) Object.assign(callContext, { actor: actorOf(principal), tenantId: principal.tenantId });
    const missing = required.filter((scope) => !hasScope(principal, scope));
    if (missing.length > 0) throw ProblemException.forbidden(`Requires scope: ${missing.join(', ')}.`);
    return true;
  }

  private async authenticate(headers: Record<string, string | string[] | undefined>): Promise<Principal> {
    const apiKey = single(headers['x-api-key']);
    if (apiKey) return this.apiKeys.authenticate(apiKey);
    const authorization = single(headers.authorization);
    const bearer = authorization && /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!bearer) throw ProblemException.unauthenticated();
    return looksLikeApiKey(bearer) ? this.apiKeys.authenticate(bearer) : this.jwt.verify(bearer);
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
