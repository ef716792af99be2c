import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@trestle/core';
import { ApiKeyService } from '../api-keys/api-key.service';

/**
 * First start with no API key at all: mint an admin key and print it once to the console, outside
 * the structured log so no log pipeline keeps it. It is never shown again.
 */
@Injectable()
export class AdminKeyBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const key = await this.apiKeys.mintBootstrapKeyIfNone();
    if (!key || !this.config.printBootstrapKey) return;
    process.stdout.write(
      [
        '',
        '  Trestle: first start. An admin API key was created for the default tenant:',
        '',
        `    ${key}`,
        '',
        '  It is shown this once and stored only as a hash. Use it as `Authorization: Bearer <key>`',
        '  or `X-API-Key: <key>`, create narrower keys with POST /v1/api-keys, then revoke this one.',
        '',
        '',
      ].join('\n'),
    );
  }
}
