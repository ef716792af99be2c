import { MigrationInterface, QueryRunner } from 'typeorm';

export class PipelineQuality1796113031143 implements MigrationInterface {
  name = 'PipelineQuality1796113031143';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "pipeline_quality_fields" ("tenant_id" varchar(64) NOT NULL, "connection_id" varchar(36) NOT NULL, "entity" varchar(32) NOT NULL, "field" varchar(200) NOT NULL, "missing" bigint NOT NULL, PRIMARY KEY ("tenant_id", "connection_id", "entity", "field"))',
    );
    await queryRunner.query(
      'CREATE TABLE "pipeline_quality" ("tenant_id" varchar(64) NOT NULL, "connection_id" varchar(36) NOT NULL, "entity" varchar(32) NOT NULL, "records_read" bigint NOT NULL, "written" bigint NOT NULL, "unchanged" bigint NOT NULL, "rejected" bigint NOT NULL, "duplicates" bigint NOT NULL, "last_run_id" varchar(36), "updated_at" varchar(30) NOT NULL, PRIMARY KEY ("tenant_id", "connection_id", "entity"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "pipeline_quality_fields"');
    await queryRunner.query('DROP TABLE "pipeline_quality"');
  }
}
