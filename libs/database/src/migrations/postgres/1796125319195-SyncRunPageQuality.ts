import { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncRunPageQuality1796125319195 implements MigrationInterface {
  name = 'SyncRunPageQuality1796125319195';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "sync_run_pages" ADD "connection_id" character varying(36)');
    await queryRunner.query('ALTER TABLE "sync_run_pages" ADD "entity" character varying(32)');
    await queryRunner.query('ALTER TABLE "sync_run_pages" ADD "records_read" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "sync_run_pages" ADD "duplicates" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "sync_run_pages" ADD "missing_required" text');
    await queryRunner.query('ALTER TABLE "sync_run_pages" ADD "quality_pending" boolean NOT NULL DEFAULT false');
    await queryRunner.query(
      'CREATE INDEX "IDX_072d644cd3088c484730d6428e" ON "sync_run_pages" ("tenant_id", "quality_pending") WHERE quality_pending',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_072d644cd3088c484730d6428e"');
    await queryRunner.query('ALTER TABLE "sync_run_pages" DROP COLUMN "connection_id"');
    await queryRunner.query('ALTER TABLE "sync_run_pages" DROP COLUMN "entity"');
    await queryRunner.query('ALTER TABLE "sync_run_pages" DROP COLUMN "records_read"');
    await queryRunner.query('ALTER TABLE "sync_run_pages" DROP COLUMN "duplicates"');
    await queryRunner.query('ALTER TABLE "sync_run_pages" DROP COLUMN "missing_required"');
    await queryRunner.query('ALTER TABLE "sync_run_pages" DROP COLUMN "quality_pending"');
  }
}
