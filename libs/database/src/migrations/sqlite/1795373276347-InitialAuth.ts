import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialAuth1795373276347 implements MigrationInterface {
  name = 'InitialAuth1795373276347';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "api_keys" ("id" varchar(12) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "secret_hash" varchar(64) NOT NULL, "scopes" text NOT NULL, "created_by" varchar(200) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "last_used_at" datetime, "revoked_at" datetime)',
    );
    await queryRunner.query('CREATE INDEX "IDX_ad466567933bb883b4c3aec6a2" ON "api_keys" ("tenant_id", "created_at") ');
    await queryRunner.query(
      'CREATE TABLE "signing_keys" ("kid" varchar(64) PRIMARY KEY NOT NULL, "alg" varchar(16) NOT NULL, "public_jwk" text NOT NULL, "private_jwk_sealed" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "retired_at" datetime)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "api_keys"');
    await queryRunner.query('DROP INDEX "IDX_ad466567933bb883b4c3aec6a2"');
    await queryRunner.query('DROP TABLE "signing_keys"');
  }
}
