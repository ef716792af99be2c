import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The hub's own signing keys (audit export signatures). Private halves are sealed with the secrets key. */
@Entity('signing_keys')
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid!: string;

  @Column({ type: 'varchar', length: 16 })
  alg!: string;

  @Column({ name: 'public_jwk', type: 'text' })
  publicJwk!: string;

  @Column({ name: 'private_jwk_sealed', type: 'text' })
  privateJwkSealed!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'retired_at', nullable: true, type: Date })
  retiredAt!: Date | null;
}
