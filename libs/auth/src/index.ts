export { AuthModule, AUTH_ENTITIES } from './auth.module';
export { AdminKeyBootstrap } from './bootstrap/admin-key.bootstrap';
export { ApiKeyService } from './api-keys/api-key.service';
export { API_KEY_PREFIX } from './api-keys/api-key-format';
export { SigningKeyService } from './signing/signing-key.service';
export { CurrentPrincipal } from './current-principal.decorator';
export { requestOf, type RequestWithPrincipal } from './guards/request-principal';
export { actorOf, DEFAULT_TENANT, hasScope, trustedTenantId, type Principal, type TenantId } from './principal';
