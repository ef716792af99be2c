import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox events take their `seq` from a sequence, assigned at insert: after the change's own row
 * locks, so one record's events are numbered in commit order. (SQLite numbers them in the insert.)
 */
export class EventOutboxSequence1796113713900 implements MigrationInterface {
  name = 'EventOutboxSequence1796113713900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SEQUENCE IF NOT EXISTS "event_outbox_seq" AS bigint OWNED BY "event_outbox"."seq"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SEQUENCE IF EXISTS "event_outbox_seq"');
  }
}
