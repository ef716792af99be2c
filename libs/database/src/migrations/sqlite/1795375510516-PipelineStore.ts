import { MigrationInterface, QueryRunner } from 'typeorm';

export class PipelineStore1795375510516 implements MigrationInterface {
  name = 'PipelineStore1795375510516';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "dead_letters" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "connection_id" varchar(36) NOT NULL, "entity" varchar(32) NOT NULL, "source_id" varchar(400), "sync_run_id" varchar(36), "stage" varchar(16) NOT NULL, "reason" text NOT NULL, "errors" text NOT NULL, "raw" text NOT NULL, "raw_hash" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "occurrences" integer NOT NULL, "record_id" varchar(700), "created_at" varchar(30) NOT NULL, "updated_at" varchar(30) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e59aa5803a8e72f9eb503036bc" ON "dead_letters" ("tenant_id", "status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_f3aea68fe3d56fecca4a28657c" ON "dead_letters" ("tenant_id", "connection_id", "entity", "raw_hash") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sync_run_pages" ("run_id" varchar(36) NOT NULL, "page" integer NOT NULL, "tenant_id" varchar(64) NOT NULL, "records" integer NOT NULL, "written" integer NOT NULL, "unchanged" integer NOT NULL, "rejected" integer NOT NULL, "max_modified_at" varchar(30), "created_at" varchar(30) NOT NULL, PRIMARY KEY ("run_id", "page"))',
    );
    await queryRunner.query(
      'CREATE TABLE "sync_runs" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "connection_id" varchar(36) NOT NULL, "entity" varchar(32) NOT NULL, "mode" varchar(16) NOT NULL, "triggered_by" varchar(200) NOT NULL, "status" varchar(16) NOT NULL, "modified_since" varchar(40), "cursor" text, "pages_read" integer NOT NULL DEFAULT (0), "records_read" integer NOT NULL DEFAULT (0), "read_done" boolean NOT NULL DEFAULT (0), "cancel_requested" boolean NOT NULL DEFAULT (0), "error" text, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "started_at" varchar(30), "finished_at" varchar(30))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ff4cb85c02bd3df76165eb2285" ON "sync_runs" ("tenant_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_833a5c6d4e004056765adb37b4" ON "sync_runs" ("tenant_id", "connection_id", "entity", "status") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sync_schedules" ("tenant_id" varchar(64) NOT NULL, "connection_id" varchar(36) NOT NULL, "entity" varchar(32) NOT NULL, "mode" varchar(16) NOT NULL, "cron" varchar(100), "every_ms" integer, "updated_at" varchar(30) NOT NULL, PRIMARY KEY ("tenant_id", "connection_id", "entity"))',
    );
    await queryRunner.query(
      'CREATE TABLE "sync_states" ("tenant_id" varchar(64) NOT NULL, "connection_id" varchar(36) NOT NULL, "entity" varchar(32) NOT NULL, "watermark" varchar(30), "last_run_id" varchar(36), "last_success_at" varchar(30), PRIMARY KEY ("tenant_id", "connection_id", "entity"))',
    );
    await queryRunner.query(
      'CREATE TABLE "canonical_records" ("id" varchar(700) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "connection_id" varchar(36) NOT NULL, "entity" varchar(32) NOT NULL, "source_id" varchar(400) NOT NULL, "data" text NOT NULL, "content_hash" varchar(64) NOT NULL, "raw_hash" varchar(64) NOT NULL, "version" integer NOT NULL, "label" varchar(300), "search" text, "email" varchar(320), "status" varchar(32), "customer_source_id" varchar(400), "modified_at" varchar(30) NOT NULL, "fetched_at" varchar(30) NOT NULL, "mapping_version" varchar(200) NOT NULL, "sync_run_id" varchar(36), "created_at" varchar(30) NOT NULL, "updated_at" varchar(30) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_32b61424f40edb1a23e11f06b3" ON "canonical_records" ("tenant_id", "entity", "customer_source_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_19d9a8254ae9964e4d6fdd3830" ON "canonical_records" ("tenant_id", "entity", "email") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_82f1910b686f936d89c0b192d7" ON "canonical_records" ("tenant_id", "entity", "label") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_b3b2d736868efad5afcaaec98c" ON "canonical_records" ("tenant_id", "entity", "modified_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_0c0d883c26e9ba6f014c768030" ON "canonical_records" ("tenant_id", "connection_id", "entity", "source_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "store_join_keys" ("tenant_id" varchar(64) NOT NULL, "entity" varchar(32) NOT NULL, "relation" varchar(32) NOT NULL, "match_on" varchar(32) NOT NULL, "target_connection_id" varchar(36), "updated_at" varchar(30) NOT NULL, PRIMARY KEY ("tenant_id", "entity", "relation"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "dead_letters"');
    await queryRunner.query('DROP INDEX "IDX_e59aa5803a8e72f9eb503036bc"');
    await queryRunner.query('DROP INDEX "IDX_f3aea68fe3d56fecca4a28657c"');
    await queryRunner.query('DROP TABLE "sync_run_pages"');
    await queryRunner.query('DROP TABLE "sync_runs"');
    await queryRunner.query('DROP INDEX "IDX_ff4cb85c02bd3df76165eb2285"');
    await queryRunner.query('DROP INDEX "IDX_833a5c6d4e004056765adb37b4"');
    await queryRunner.query('DROP TABLE "sync_schedules"');
    await queryRunner.query('DROP TABLE "sync_states"');
    await queryRunner.query('DROP TABLE "canonical_records"');
    await queryRunner.query('DROP INDEX "IDX_32b61424f40edb1a23e11f06b3"');
    await queryRunner.query('DROP INDEX "IDX_19d9a8254ae9964e4d6fdd3830"');
    await queryRunner.query('DROP INDEX "IDX_82f1910b686f936d89c0b192d7"');
    await queryRunner.query('DROP INDEX "IDX_b3b2d736868efad5afcaaec98c"');
    await queryRunner.query('DROP INDEX "IDX_0c0d883c26e9ba6f014c768030"');
    await queryRunner.query('DROP TABLE "store_join_keys"');
  }
}
