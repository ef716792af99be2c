import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { ApiKeyRepository } from './api-keys/api-key.repository';
import { ApiKeyService } from './api-keys/api-key.service';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { AuthGuard } from './guards/auth.guard';
import { PrincipalRateLimitGuard } from './guards/principal-rate-limit.guard';
import { JwtVerifier } from './jwt/jwt-verifier';
import { JwksController } from './signing/jwks.controller';
import { SigningKeyEntity } from './signing/signing-key.entity';
import { SigningKeyRepository } from './signing/signing-key.repository';
import { SigningKeyService } from './signing/signing-key.service';

export const AUTH_ENTITIES = [ApiKeyEntity, SigningKeyEntity];

/** Authentication (JWT, API keys), scopes, tenants, rate limits and the hub's signing keys. Guards every route. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(AUTH_ENTITIES)],
  controllers: [ApiKeysController, JwksController],
  providers: [
    ApiKeyRepository,
    ApiKeyService,
    JwtVerifier,
    SigningKeyRepository,
    SigningKeyService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: PrincipalRateLimitGuard },
  ],
  exports: [ApiKeyService, SigningKeyService],
})
export class AuthModule {}
