import { MigrationInterface, QueryRunner } from 'typeorm';

/** Routing state moves off the event row: unrouted events are listed in event_outbox_unrouted. */
export class EventOutboxUnrouted1796125058399 implements MigrationInterface {
  name = 'EventOutboxUnrouted1796125058399';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_68ec080fff8691ff58926434dd"');
    await queryRunner.query(
      'CREATE TABLE "event_outbox_unrouted" ("seq" bigint NOT NULL, CONSTRAINT "PK_36820651c7c8302ed7751bd8e3e" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query(
      'INSERT INTO "event_outbox_unrouted" ("seq") SELECT "seq" FROM "event_outbox" WHERE "routed_at" IS NULL',
    );
    await queryRunner.query('ALTER TABLE "event_outbox" DROP COLUMN "routed_at"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "event_outbox" ADD "routed_at" character varying(30)');
    await queryRunner.query(
      'UPDATE "event_outbox" SET "routed_at" = "time" WHERE "seq" NOT IN (SELECT "seq" FROM "event_outbox_unrouted")',
    );
    await queryRunner.query('DROP TABLE "event_outbox_unrouted"');
    await queryRunner.query('CREATE INDEX "IDX_68ec080fff8691ff58926434dd" ON "event_outbox" ("routed_at", "seq") ');
  }
}
