import { MigrationInterface, QueryRunner } from 'typeorm';

export class InferenceEnrichments1795375341854 implements MigrationInterface {
  name = 'InferenceEnrichments1795375341854';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "enrichments" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "entity" varchar(32) NOT NULL, "record_id" varchar(512) NOT NULL, "model" varchar(64) NOT NULL, "model_version" varchar(50) NOT NULL, "field" varchar(64) NOT NULL, "output" text NOT NULL, "input_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
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
    await queryRunner.query('DROP INDEX "IDX_42c96025f810dd617510567cfa"');
    await queryRunner.query('DROP INDEX "IDX_5343e31f0d53dbbeb29a2c90aa"');
    await queryRunner.query('DROP INDEX "IDX_0fd4b59feb79a61ec84b4e991d"');
  }
}
