import { MigrationInterface, QueryRunner } from 'typeorm';

export class InferenceDeadLetters1796111959126 implements MigrationInterface {
  name = 'InferenceDeadLetters1796111959126';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "inference_dead_letters" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "entity" varchar(32) NOT NULL, "record_id" varchar(512) NOT NULL, "connection_id" varchar(36), "model" varchar(64) NOT NULL, "model_version" varchar(50) NOT NULL, "code" varchar(40) NOT NULL, "reason" text NOT NULL, "attempts" integer NOT NULL, "input_hash" varchar(64), "job_id" varchar(200), "status" varchar(16) NOT NULL, "occurrences" integer NOT NULL, "created_at" varchar(30) NOT NULL, "updated_at" varchar(30) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_00bc5e27fcc392eb99ba781653" ON "inference_dead_letters" ("tenant_id", "status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_bce69c7332a565960290462adc" ON "inference_dead_letters" ("tenant_id", "entity", "record_id", "model", "model_version") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "inference_dead_letters"');
    await queryRunner.query('DROP INDEX "IDX_00bc5e27fcc392eb99ba781653"');
    await queryRunner.query('DROP INDEX "IDX_bce69c7332a565960290462adc"');
  }
}
