import { MigrationInterface, QueryRunner } from 'typeorm';

export class InferenceDeadLetters1796111959126 implements MigrationInterface {
  name = 'InferenceDeadLetters1796111959126';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "inference_dead_letters" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "entity" character varying(32) NOT NULL, "record_id" character varying(512) NOT NULL, "connection_id" character varying(36), "model" character varying(64) NOT NULL, "model_version" character varying(50) NOT NULL, "code" character varying(40) NOT NULL, "reason" text NOT NULL, "attempts" integer NOT NULL, "input_hash" character varying(64), "job_id" character varying(200), "status" character varying(16) NOT NULL, "occurrences" integer NOT NULL, "created_at" character varying(30) NOT NULL, "updated_at" character varying(30) NOT NULL, CONSTRAINT "PK_42965f59c4363bf1adf6d9c1ad7" PRIMARY KEY ("id"))',
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
    await queryRunner.query('DROP INDEX "public"."IDX_00bc5e27fcc392eb99ba781653"');
    await queryRunner.query('DROP INDEX "public"."IDX_bce69c7332a565960290462adc"');
  }
}
