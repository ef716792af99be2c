import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialAuth1795373276347 implements MigrationInterface {
  name = 'InitialAuth1795373276347';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "api_keys" ("id" character varying(12) NOT NULL, "tenant_id" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "secret_hash" character varying(64) NOT NULL, "scopes" text NOT NULL, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP, "revoked_at" TIMESTAMP, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_ad466567933bb883b4c3aec6a2" ON "api_keys" ("tenant_id", "created_at") ');
    await queryRunner.query(
      'CREATE TABLE "signing_keys" ("kid" character varying(64) NOT NULL, "alg" character varying(16) NOT NULL, "public_jwk" text NOT NULL, "private_jwk_sealed" text NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "retired_at" TIMESTAMP, CONSTRAINT "PK_13362ac3e792c69417e1a53d355" PRIMARY KEY ("kid"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "api_keys"');
    await queryRunner.query('DROP INDEX "public"."IDX_ad466567933bb883b4c3aec6a2"');
    await queryRunner.query('DROP TABLE "signing_keys"');
  }
}
