import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@trestle/core';
import { SigningKeyService } from './signing-key.service';

@ApiTags('security')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly signingKeys: SigningKeyService) {}

  @Get('jwks.json')
  @Public()
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ description: "The hub's public signing keys (JWKS); verifies audit export signatures." })
  jwks() {
    return this.signingKeys.jwks();
  }
}
