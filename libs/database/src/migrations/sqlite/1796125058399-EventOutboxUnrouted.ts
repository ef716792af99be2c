import { MigrationInterface, QueryRunner } from 'typeorm';

/** Routing state moves off the event row: unrouted events are listed in event_outbox_unrouted. */
export class EventOutboxUnrouted1796125058399 implements MigrationInterface {
  name = 'EventOutboxUnrouted1796125058399';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_68ec080fff8691ff58926434dd"');
    await queryRunner.query('CREATE TABLE "event_outbox_unrouted" ("seq" bigint PRIMARY KEY NOT NULL)');
    await queryRunner.query(
      'INSERT INTO "event_outbox_unrouted" ("seq") SELECT "seq" FROM "event_outbox" WHERE "routed_at" IS NULL',
    );
    await queryRunner.query('DROP INDEX "IDX_690f4dfa5e4898606a7de0ea79"');
    await queryRunner.query(
      'CREATE TABLE "temporary_event_outbox" ("seq" bigint PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "tenant_id" varchar(64) NOT NULL, "type" varchar(200) NOT NULL, "subject" varchar(700) NOT NULL, "connection_id" varchar(36), "entity" varchar(32), "ordering_key" varchar(700) NOT NULL, "time" varchar(30) NOT NULL, "data" text NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_event_outbox"("seq", "id", "tenant_id", "type", "subject", "connection_id", "entity", "ordering_key", "time", "data") SELECT "seq", "id", "tenant_id", "type", "subject", "connection_id", "entity", "ordering_key", "time", "data" FROM "event_outbox"',
    );
    await queryRunner.query('DROP TABLE "event_outbox"');
    await queryRunner.query('ALTER TABLE "temporary_event_outbox" RENAME TO "event_outbox"');
    await queryRunner.query('CREATE INDEX "IDX_690f4dfa5e4898606a7de0ea79" ON "event_outbox" ("tenant_id", "seq") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_690f4dfa5e4898606a7de0ea79"');
    await queryRunner.query('ALTER TABLE "event_outbox" RENAME TO "temporary_event_outbox"');
    await queryRunner.query(
      'CREATE TABLE "event_outbox" ("seq" bigint PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "tenant_id" varchar(64) NOT NULL, "type" varchar(200) NOT NULL, "subject" varchar(700) NOT NULL, "connection_id" varchar(36), "entity" varchar(32), "ordering_key" varchar(700) NOT NULL, "time" varchar(30) NOT NULL, "data" text NOT NULL, "routed_at" varchar(30))',
    );
    await queryRunner.query(
      'INSERT INTO "event_outbox"("seq", "id", "tenant_id", "type", "subject", "connection_id", "entity", "ordering_key", "time", "data", "routed_at") SELECT "seq", "id", "tenant_id", "type", "subject", "connection_id", "entity", "ordering_key", "time", "data", CASE WHEN "seq" IN (SELECT "seq" FROM "event_outbox_unrouted") THEN NULL ELSE "time" END FROM "temporary_event_outbox"',
    );
    await queryRunner.query('DROP TABLE "temporary_event_outbox"');
    await queryRunner.query('CREATE INDEX "IDX_690f4dfa5e4898606a7de0ea79" ON "event_outbox" ("tenant_id", "seq") ');
    await queryRunner.query('DROP TABLE "event_outbox_unrouted"');
    await queryRunner.query('CREATE INDEX "IDX_68ec080fff8691ff58926434dd" ON "event_outbox" ("routed_at", "seq") ');
  }
}
