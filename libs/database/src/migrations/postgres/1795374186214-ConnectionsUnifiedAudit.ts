import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConnectionsUnifiedAudit1795374186214 implements MigrationInterface {
  name = 'ConnectionsUnifiedAudit1795374186214';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_chain_heads" ("tenant_id" character varying(64) NOT NULL, "seq" integer NOT NULL, "hash" character varying(64) NOT NULL, "anchor_seq" integer NOT NULL DEFAULT \'0\', "anchor_hash" character varying(64) NOT NULL DEFAULT \'\', CONSTRAINT "PK_b6a4de84c3789674b58c8953da5" PRIMARY KEY ("tenant_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "audit_events" ("tenant_id" character varying(64) NOT NULL, "seq" integer NOT NULL, "occurred_at" character varying(24) NOT NULL, "actor" character varying(200) NOT NULL, "action" character varying(200) NOT NULL, "resource" character varying(500) NOT NULL, "connection_id" character varying(36), "request_id" character varying(128), "outcome" character varying(16) NOT NULL, "status" character varying(64), "duration_ms" integer, "request_hash" character varying(64), "response_hash" character varying(64), "details" text, "bodies" text, "prev_hash" character varying(64) NOT NULL, "hash" character varying(64) NOT NULL, CONSTRAINT "PK_a5de65da7e9cefefeac0b89c2bc" PRIMARY KEY ("tenant_id", "seq"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_56461ff496e669e3896da73ab7" ON "audit_events" ("tenant_id", "request_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1b0b77a85c126d14a403e8e17d" ON "audit_events" ("tenant_id", "occurred_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "connections" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "name" character varying(100) NOT NULL, "adapter" character varying(64) NOT NULL, "definition" text NOT NULL, "settings" text NOT NULL, "credentials_sealed" text NOT NULL, "resilience" text NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_0a1f844af3122354cbd487a8d03" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_882f8243ea4e6b8778cf386cef" ON "connections" ("tenant_id", "name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "idempotency_keys" ("tenant_id" character varying(64) NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character varying(64) NOT NULL, "state" character varying(16) NOT NULL, "status_code" integer, "response" text, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_b5c6db50392003e35d51ef7aba7" PRIMARY KEY ("tenant_id", "key"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_chain_heads"');
    await queryRunner.query('DROP TABLE "audit_events"');
    await queryRunner.query('DROP INDEX "public"."IDX_56461ff496e669e3896da73ab7"');
    await queryRunner.query('DROP INDEX "public"."IDX_1b0b77a85c126d14a403e8e17d"');
    await queryRunner.query('DROP TABLE "connections"');
    await queryRunner.query('DROP INDEX "public"."IDX_882f8243ea4e6b8778cf386cef"');
    await queryRunner.query('DROP TABLE "idempotency_keys"');
  }
}
