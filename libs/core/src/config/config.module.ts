import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { loadConfig } from './load-config';
import { SecretBox } from '../crypto/secret-box';
import { resolveSecretsKey } from '../crypto/secrets-key';

@Global()
@Module({})
export class ConfigModule {
  /** Provides the validated AppConfig and the SecretBox sealing secrets at rest; pass a config to override the environment (tests). */
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: SecretBox, useFactory: () => new SecretBox(resolveSecretsKey(config)) },
      ],
      exports: [AppConfig, SecretBox],
    };
  }
}
