import { Injectable, OnModuleInit } from '@nestjs/common';
import { SecretBox } from '@trestle/core';
import { CompactSign, exportJWK, generateKeyPair, importJWK, JWK, calculateJwkThumbprint } from 'jose';
import { SigningKeyRepository } from './signing-key.repository';

const ALG = 'ES256';

interface ActiveKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof importJWK>>;
}

/**
 * The hub's signing identity: an ES256 key generated on first start, sealed at rest, shared by every
 * process on the same database. Public keys (active and retired) are published as a JWKS document.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit {
  private active?: ActiveKey;

  constructor(
    private readonly keys: SigningKeyRepository,
    private readonly secretBox: SecretBox,
  ) {}

  async onModuleInit(): Promise<void> {
    const stored = (await this.keys.active()) ?? (await this.createKey());
    const privateJwk = JSON.parse(this.secretBox.open(stored.privateJwkSealed, stored.kid)) as JWK;
    this.active = { kid: stored.kid, privateKey: await importJWK(privateJwk, ALG) };
  }

  /** A compact JWS (detached payloads are signed by hashing them first, see audit export). */
  async sign(payload: Uint8Array, header: Record<string, unknown> = {}): Promise<string> {
    if (!this.active) throw new Error('Signing key not loaded yet');
    return new CompactSign(payload)
      .setProtectedHeader({ ...header, alg: ALG, kid: this.active.kid })
      .sign(this.active.privateKey);
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: (await this.keys.all()).map((key) => JSON.parse(key.publicJwk) as JWK) };
  }

  private async createKey() {
    const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const privateJwk = await exportJWK(privateKey);
    try {
      await this.keys.insert({
        kid,
        alg: ALG,
        publicJwk: JSON.stringify({ ...publicJwk, kid, alg: ALG, use: 'sig' }),
        privateJwkSealed: this.secretBox.seal(JSON.stringify(privateJwk), kid),
      });
    } catch {
      // another process created the first key at the same moment; use the one that won
    }
    const winner = await this.keys.active();
    if (!winner) throw new Error('No signing key could be created');
    return winner;
  }
}
