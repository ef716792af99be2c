import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { ConfigValidationError } from '../config/load-config';

/**
 * The key that seals secrets at rest. Production sets SECRETS_KEY; the embedded (SQLite) mode
 * generates one on first start and keeps it beside the database, readable by the owner only.
 */
export function resolveSecretsKey(
  config: Pick<AppConfig, 'secretsKey' | 'secretsKeyFile' | 'databaseUrl' | 'sqlitePath'>,
): Buffer {
  if (config.secretsKey) return Buffer.from(config.secretsKey, 'base64');
  if (config.databaseUrl) {
    throw new ConfigValidationError(['SECRETS_KEY: must be set when DATABASE_URL is set (openssl rand -base64 32)']);
  }
  if (config.sqlitePath === ':memory:') return randomBytes(32);
  if (existsSync(config.secretsKeyFile))
    return Buffer.from(readFileSync(config.secretsKeyFile, 'utf8').trim(), 'base64');
  const key = randomBytes(32);
  mkdirSync(dirname(config.secretsKeyFile), { recursive: true });
  writeFileSync(config.secretsKeyFile, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(config.secretsKeyFile, 0o600);
  return key;
}
