import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChangeEvents1796113713857 implements MigrationInterface {
  name = 'ChangeEvents1796113713857';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "event_deliveries" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "subscription_id" varchar(36) NOT NULL, "event_seq" bigint NOT NULL, "event_id" varchar(36) NOT NULL, "ordering_key" varchar(700) NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" varchar(30) NOT NULL, "lease_until" varchar(30), "lease_token" varchar(36), "last_error" varchar(500), "last_status" integer, "delivered_at" varchar(30), "created_at" varchar(30) NOT NULL, "updated_at" varchar(30) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_b00a02d0abe89a4bed19ee0d7e" ON "event_deliveries" ("event_seq") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_ee726ce10af69e7111981fdb19" ON "event_deliveries" ("tenant_id", "subscription_id", "status", "event_seq") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_9af39ec4844632921a66ce63a2" ON "event_deliveries" ("status", "next_attempt_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_148c1478f5f5535a6eee3a79fe" ON "event_deliveries" ("subscription_id", "ordering_key", "event_seq") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_742a1ad19335bb3863cfd9e9fa" ON "event_deliveries" ("subscription_id", "event_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "event_outbox" ("seq" bigint PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "tenant_id" varchar(64) NOT NULL, "type" varchar(200) NOT NULL, "subject" varchar(700) NOT NULL, "connection_id" varchar(36), "entity" varchar(32), "ordering_key" varchar(700) NOT NULL, "time" varchar(30) NOT NULL, "data" text NOT NULL, "routed_at" varchar(30))',
    );
    await queryRunner.query('CREATE INDEX "IDX_690f4dfa5e4898606a7de0ea79" ON "event_outbox" ("tenant_id", "seq") ');
    await queryRunner.query('CREATE INDEX "IDX_68ec080fff8691ff58926434dd" ON "event_outbox" ("routed_at", "seq") ');
    await queryRunner.query(
      'CREATE TABLE "event_subscriptions" ("id" varchar(36) PRIMARY KEY NOT NULL, "tenant_id" varchar(64) NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "url" varchar(2000), "secret_sealed" text, "entities" text NOT NULL, "connection_ids" text NOT NULL, "types" text NOT NULL, "enabled" boolean NOT NULL, "created_at" varchar(30) NOT NULL, "updated_at" varchar(30) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_b966a3438cb9975c6163e21395" ON "event_subscriptions" ("tenant_id", "name") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "event_deliveries"');
    await queryRunner.query('DROP INDEX "IDX_b00a02d0abe89a4bed19ee0d7e"');
    await queryRunner.query('DROP INDEX "IDX_ee726ce10af69e7111981fdb19"');
    await queryRunner.query('DROP INDEX "IDX_9af39ec4844632921a66ce63a2"');
    await queryRunner.query('DROP INDEX "IDX_148c1478f5f5535a6eee3a79fe"');
    await queryRunner.query('DROP INDEX "IDX_742a1ad19335bb3863cfd9e9fa"');
    await queryRunner.query('DROP TABLE "event_outbox"');
    await queryRunner.query('DROP INDEX "IDX_690f4dfa5e4898606a7de0ea79"');
    await queryRunner.query('DROP INDEX "IDX_68ec080fff8691ff58926434dd"');
    await queryRunner.query('DROP TABLE "event_subscriptions"');
    await queryRunner.query('DROP INDEX "IDX_b966a3438cb9975c6163e21395"');
  }
}
