import { MigrationInterface, QueryRunner } from 'typeorm';

export class InferenceDrift1796112910234 implements MigrationInterface {
  name = 'InferenceDrift1796112910234';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "inference_drift_counts" ("tenant_id" character varying(64) NOT NULL, "model" character varying(64) NOT NULL, "model_version" character varying(50) NOT NULL, "epoch" integer NOT NULL, "slice_minute" integer NOT NULL, "feature" integer NOT NULL, "bin" integer NOT NULL, "records" integer NOT NULL, CONSTRAINT "PK_3b5b7e46e09ea71c219984526d4" PRIMARY KEY ("tenant_id", "model", "model_version", "epoch", "slice_minute", "feature", "bin"))',
    );
    await queryRunner.query(
      'CREATE TABLE "inference_drift_references" ("tenant_id" character varying(64) NOT NULL, "model" character varying(64) NOT NULL, "model_version" character varying(50) NOT NULL, "epoch" integer NOT NULL, "status" character varying(16) NOT NULL, "source" character varying(16) NOT NULL, "target_size" integer NOT NULL, "features" text NOT NULL, "edges" text, "counts" text, "alerting" text NOT NULL, "ready_at" character varying(30), "updated_at" character varying(30) NOT NULL, CONSTRAINT "PK_385478f331f99482465a917373e" PRIMARY KEY ("tenant_id", "model", "model_version"))',
    );
    await queryRunner.query(
      'CREATE TABLE "inference_drift_samples" ("id" character varying(36) NOT NULL, "tenant_id" character varying(64) NOT NULL, "model" character varying(64) NOT NULL, "model_version" character varying(50) NOT NULL, "epoch" integer NOT NULL, "feature_values" text NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_2af3d33e3af89728951f882b6ac" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_837ca3ca3bc5887bbd298850a4" ON "inference_drift_samples" ("tenant_id", "model", "model_version", "epoch", "created_at") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "inference_drift_counts"');
    await queryRunner.query('DROP TABLE "inference_drift_references"');
    await queryRunner.query('DROP TABLE "inference_drift_samples"');
    await queryRunner.query('DROP INDEX "public"."IDX_837ca3ca3bc5887bbd298850a4"');
  }
}
