import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Scope } from './scope';

import type { AppConfig } from '../config/app-config';

export const PUBLIC_ROUTE = 'trestle:public';
export const PUBLIC_ROUTE_IF = 'trestle:public-if';
export const REQUIRED_SCOPES = 'trestle:scopes';

type BooleanSetting = { [K in keyof AppConfig]: AppConfig[K] extends boolean ? K : never }[keyof AppConfig];

/** Reachable without credentials. Only health probes, the JWKS document and (when configured) metrics are. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-public', true));
}

/** Public only while the named boolean setting is on (e.g. `metricsPublic`); otherwise RequireScopes applies. */
export function PublicIf(setting: BooleanSetting): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_ROUTE_IF, setting);
}

/** The caller must be authenticated and hold every listed scope (or `admin`). */
export function RequireScopes(...scopes: Scope[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPES, scopes),
    ApiExtension('x-required-scopes', scopes),
    ApiBearerAuth('bearer'),
    ApiSecurity('apiKey'),
    ApiUnauthorizedResponse({ description: 'No or invalid credentials (problem+json).' }),
    ApiForbiddenResponse({ description: `Requires scope: ${scopes.join(', ')} (problem+json).` }),
  );
}
