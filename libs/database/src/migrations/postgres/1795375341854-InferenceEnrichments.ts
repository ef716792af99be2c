import { MigrationInterface, QueryRunner } from 'typeorm';

export class InferenceEnrichments1795375341854 implements MigrationInterface {
  name = 'InferenceEnrichments1795375341854';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "enrichments" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "entity" character varying(32) NOT NULL, "record_id" character varying(512) NOT NULL, "model" character varying(64) NOT NULL, "model_version" character varying(50) NOT NULL, "field" character varying(64) NOT NULL, "output" text NOT NULL, "input_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_1521a1fd7a1280126faf597abcb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_42c96025f810dd617510567cfa" ON "enrichments" ("tenant_id", "entity", "record_id", "model", "model_version", "input_hash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5343e31f0d53dbbeb29a2c90aa" ON "enrichments" ("tenant_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_0fd4b59feb79a61ec84b4e991d" ON "enrichments" ("tenant_id", "entity", "record_id", "created_at") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "enrichments"');
    await queryRunner.query('DROP INDEX "public"."IDX_42c96025f810dd617510567cfa"');
    await queryRunner.query('DROP INDEX "public"."IDX_5343e31f0d53dbbeb29a2c90aa"');
    await queryRunner.query('DROP INDEX "public"."IDX_0fd4b59feb79a61ec84b4e991d"');
  }
}
