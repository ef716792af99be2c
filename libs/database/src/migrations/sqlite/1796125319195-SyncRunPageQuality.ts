import { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncRunPageQuality1796125319195 implements MigrationInterface {
  name = 'SyncRunPageQuality1796125319195';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "temporary_sync_run_pages" ("run_id" varchar(36) NOT NULL, "page" integer NOT NULL, "tenant_id" varchar(64) NOT NULL, "records" integer NOT NULL, "written" integer NOT NULL, "unchanged" integer NOT NULL, "rejected" integer NOT NULL, "max_modified_at" varchar(30), "created_at" varchar(30) NOT NULL, "connection_id" varchar(36), "entity" varchar(32), "records_read" integer NOT NULL DEFAULT (0), "duplicates" integer NOT NULL DEFAULT (0), "missing_required" text, "quality_pending" boolean NOT NULL DEFAULT (0), PRIMARY KEY ("run_id", "page"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_sync_run_pages"("run_id", "page", "tenant_id", "records", "written", "unchanged", "rejected", "max_modified_at", "created_at") SELECT "run_id", "page", "tenant_id", "records", "written", "unchanged", "rejected", "max_modified_at", "created_at" FROM "sync_run_pages"',
    );
    await queryRunner.query('DROP TABLE "sync_run_pages"');
    await queryRunner.query('ALTER TABLE "temporary_sync_run_pages" RENAME TO "sync_run_pages"');
    await queryRunner.query(
      'CREATE INDEX "IDX_072d644cd3088c484730d6428e" ON "sync_run_pages" ("tenant_id", "quality_pending") WHERE quality_pending',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_072d644cd3088c484730d6428e"');
    await queryRunner.query('ALTER TABLE "sync_run_pages" RENAME TO "temporary_sync_run_pages"');
    await queryRunner.query(
      'CREATE TABLE "sync_run_pages" ("run_id" varchar(36) NOT NULL, "page" integer NOT NULL, "tenant_id" varchar(64) NOT NULL, "records" integer NOT NULL, "written" integer NOT NULL, "unchanged" integer NOT NULL, "rejected" integer NOT NULL, "max_modified_at" varchar(30), "created_at" varchar(30) NOT NULL, PRIMARY KEY ("run_id", "page"))',
    );
    await queryRunner.query(
      'INSERT INTO "sync_run_pages"("run_id", "page", "tenant_id", "records", "written", "unchanged", "rejected", "max_modified_at", "created_at") SELECT "run_id", "page", "tenant_id", "records", "written", "unchanged", "rejected", "max_modified_at", "created_at" FROM "temporary_sync_run_pages"',
    );
    await queryRunner.query('DROP TABLE "temporary_sync_run_pages"');
  }
}
