import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConnectionsUnifiedAudit1795374186214 implements MigrationInterface {
  name = 'ConnectionsUnifiedAudit1795374186214';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_chain_heads" ("tenant_id" varchar(64) PRIMARY KEY NOT NULL, "seq" integer NOT NULL, "hash" varchar(64) NOT NULL, "anchor_seq" integer NOT NULL DEFAULT (0), "anchor_hash" varchar(64) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query(
      'CREATE TABLE "audit_events" ("tenant_id" varchar(64) NOT NULL, "seq" integer NOT NULL, "occurred_at" varchar(24) NOT NULL, "actor" varchar(200) NOT NULL, "action" varchar(200) NOT NULL, "resource" varchar(500) NOT NULL, "connection_id" varchar(36), "request_id" varchar(128), "outcome" varchar(16) NOT NULL, "status" varchar(64), "duration_ms" integer, "request_hash" varchar(64), "response_hash" varchar(64), "details" text, "bodies" text, "prev_hash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, PRIMARY KEY ("tenant_id", "seq"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_56461ff496e669e3896da73ab7" ON "audit_events" ("tenant_id", "request_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1b0b77a85c126d14a403e8e17d" ON "audit_events" ("tenant_id", "occurred_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "connections" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "name" varchar(100) NOT NULL, "adapter" varchar(64) NOT NULL, "definition" text NOT NULL, "settings" text NOT NULL, "credentials_sealed" text NOT NULL, "resilience" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_882f8243ea4e6b8778cf386cef" ON "connections" ("tenant_id", "name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "idempotency_keys" ("tenant_id" varchar(64) NOT NULL, "key" varchar(200) NOT NULL, "request_hash" varchar(64) NOT NULL, "state" varchar(16) NOT NULL, "status_code" integer, "response" text, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), PRIMARY KEY ("tenant_id", "key"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_chain_heads"');
    await queryRunner.query('DROP TABLE "audit_events"');
    await queryRunner.query('DROP INDEX "IDX_56461ff496e669e3896da73ab7"');
    await queryRunner.query('DROP INDEX "IDX_1b0b77a85c126d14a403e8e17d"');
    await queryRunner.query('DROP TABLE "connections"');
    await queryRunner.query('DROP INDEX "IDX_882f8243ea4e6b8778cf386cef"');
    await queryRunner.query('DROP TABLE "idempotency_keys"');
  }
}
