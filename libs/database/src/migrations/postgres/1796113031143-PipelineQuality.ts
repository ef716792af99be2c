import { MigrationInterface, QueryRunner } from 'typeorm';

export class PipelineQuality1796113031143 implements MigrationInterface {
  name = 'PipelineQuality1796113031143';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "pipeline_quality_fields" ("tenant_id" character varying(64) NOT NULL, "connection_id" character varying(36) NOT NULL, "entity" character varying(32) NOT NULL, "field" character varying(200) NOT NULL, "missing" bigint NOT NULL, CONSTRAINT "PK_38c74f45a55b6e4b1a12076de7c" PRIMARY KEY ("tenant_id", "connection_id", "entity", "field"))',
    );
    await queryRunner.query(
      'CREATE TABLE "pipeline_quality" ("tenant_id" character varying(64) NOT NULL, "connection_id" character varying(36) NOT NULL, "entity" character varying(32) NOT NULL, "records_read" bigint NOT NULL, "written" bigint NOT NULL, "unchanged" bigint NOT NULL, "rejected" bigint NOT NULL, "duplicates" bigint NOT NULL, "last_run_id" character varying(36), "updated_at" character varying(30) NOT NULL, CONSTRAINT "PK_e5f4b4634fa96d81f3bc0daad45" PRIMARY KEY ("tenant_id", "connection_id", "entity"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "pipeline_quality_fields"');
    await queryRunner.query('DROP TABLE "pipeline_quality"');
  }
}
