import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = `"tenant_id" character varying(64) NOT NULL, "seq" integer NOT NULL, "occurred_at" character varying(24) COLLATE "C" NOT NULL, "actor" character varying(200) NOT NULL, "action" character varying(200) NOT NULL, "resource" character varying(500) NOT NULL, "connection_id" character varying(36), "request_id" character varying(128), "outcome" character varying(16) NOT NULL, "status" character varying(64), "duration_ms" integer, "request_hash" character varying(64), "response_hash" character varying(64), "details" text, "bodies" text, "prev_hash" character varying(64) NOT NULL, "hash" character varying(64) NOT NULL`;
const NAMES = `"tenant_id", "seq", "occurred_at", "actor", "action", "resource", "connection_id", "request_id", "outcome", "status", "duration_ms", "request_hash", "response_hash", "details", "bodies", "prev_hash", "hash"`;

/**
 * audit_events becomes a table partitioned by month of occurred_at (text in ISO 8601 UTC, compared
 * bytewise), with a default partition for anything outside the monthly ones, so retention drops
 * whole partitions and no row is ever deleted. Every partition refuses UPDATE, DELETE and TRUNCATE;
 * the delete bypass for retention is gone. Existing rows are copied into the new table.
 */
export class AuditPartitions1796112213400 implements MigrationInterface {
  name = 'AuditPartitions1796112213400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION trestle_audit_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$ LANGUAGE plpgsql`);
    await queryRunner.query(`ALTER TABLE "audit_events" RENAME TO "audit_events_unpartitioned"`);
    await queryRunner.query(
      `ALTER TABLE "audit_events_unpartitioned" RENAME CONSTRAINT "PK_a5de65da7e9cefefeac0b89c2bc" TO "audit_events_unpartitioned_pkey"`,
    );
    await queryRunner.query(`DROP INDEX "IDX_56461ff496e669e3896da73ab7"`);
    await queryRunner.query(`DROP INDEX "IDX_1b0b77a85c126d14a403e8e17d"`);
    await queryRunner.query(
      `CREATE TABLE "audit_events" (${COLUMNS}, CONSTRAINT "PK_8a736551649b8ea5dae880cd8eb" PRIMARY KEY ("tenant_id", "seq", "occurred_at")) PARTITION BY RANGE ("occurred_at")`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_56461ff496e669e3896da73ab7" ON "audit_events" ("tenant_id", "request_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1b0b77a85c126d14a403e8e17d" ON "audit_events" ("tenant_id", "occurred_at") ',
    );
    await queryRunner.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION trestle_audit_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION trestle_audit_append_only()`);
    // Row triggers reach every partition by themselves; TRUNCATE triggers have to be put on each.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION trestle_audit_partition(month date) RETURNS text AS $$
      DECLARE
        first_day date := date_trunc('month', month)::date;
        partition text := 'audit_events_p' || to_char(first_day, 'YYYYMM');
      BEGIN
        IF to_regclass(quote_ident(partition)) IS NULL THEN
          EXECUTE format('CREATE TABLE %I PARTITION OF "audit_events" FOR VALUES FROM (%L) TO (%L)', partition,
            to_char(first_day, 'YYYY-MM-DD') || 'T00:00:00.000Z',
            to_char((first_day + interval '1 month')::date, 'YYYY-MM-DD') || 'T00:00:00.000Z');
          EXECUTE format('CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON %I
            FOR EACH STATEMENT EXECUTE FUNCTION trestle_audit_append_only()', partition);
        END IF;
        RETURN partition;
      END;
      $$ LANGUAGE plpgsql`);
    // Moves rows that landed in the default partition into monthly ones, without touching a row.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION trestle_audit_rehome_default() RETURNS bigint AS $$
      DECLARE
        moved bigint;
        month date;
      BEGIN
        IF to_regclass('audit_events_default') IS NOT NULL THEN
          IF NOT EXISTS (SELECT 1 FROM "audit_events_default") THEN
            RETURN 0;
          END IF;
          LOCK TABLE "audit_events" IN ACCESS EXCLUSIVE MODE;
          ALTER TABLE "audit_events" DETACH PARTITION "audit_events_default";
          ALTER TABLE "audit_events_default" RENAME TO "audit_events_rehoming";
          FOR month IN SELECT DISTINCT to_date(left("occurred_at", 7), 'YYYY-MM') FROM "audit_events_rehoming" LOOP
            PERFORM trestle_audit_partition(month);
          END LOOP;
        END IF;
        CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT;
        CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events_default"
          FOR EACH STATEMENT EXECUTE FUNCTION trestle_audit_append_only();
        IF to_regclass('audit_events_rehoming') IS NULL THEN
          RETURN 0;
        END IF;
        INSERT INTO "audit_events" SELECT * FROM "audit_events_rehoming";
        GET DIAGNOSTICS moved = ROW_COUNT;
        DROP TABLE "audit_events_rehoming";
        RETURN moved;
      END;
      $$ LANGUAGE plpgsql`);
    await queryRunner.query(`
      SELECT trestle_audit_partition(month::date) FROM generate_series(
        date_trunc('month', LEAST(
          (now() AT TIME ZONE 'UTC')::date,
          COALESCE((SELECT to_date(left(min("occurred_at"), 7), 'YYYY-MM') FROM "audit_events_unpartitioned"), (now() AT TIME ZONE 'UTC')::date))),
        date_trunc('month', (now() AT TIME ZONE 'UTC')::date) + interval '2 months',
        interval '1 month') AS month`);
    await queryRunner.query(`SELECT trestle_audit_rehome_default()`);
    await queryRunner.query(`INSERT INTO "audit_events" (${NAMES}) SELECT ${NAMES} FROM "audit_events_unpartitioned"`);
    await queryRunner.query(`DROP TABLE "audit_events_unpartitioned"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events_unpartitioned" (${COLUMNS.replace(' COLLATE "C"', '')}, CONSTRAINT "PK_a5de65da7e9cefefeac0b89c2bc" PRIMARY KEY ("tenant_id", "seq"))`,
    );
    await queryRunner.query(`INSERT INTO "audit_events_unpartitioned" (${NAMES}) SELECT ${NAMES} FROM "audit_events"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS trestle_audit_rehome_default()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS trestle_audit_partition(date)`);
    await queryRunner.query(`ALTER TABLE "audit_events_unpartitioned" RENAME TO "audit_events"`);
    await queryRunner.query(
      'CREATE INDEX "IDX_56461ff496e669e3896da73ab7" ON "audit_events" ("tenant_id", "request_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1b0b77a85c126d14a403e8e17d" ON "audit_events" ("tenant_id", "occurred_at") ',
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION trestle_audit_append_only() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('trestle.audit_retention', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$ LANGUAGE plpgsql`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION trestle_audit_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION trestle_audit_append_only()`);
  }
}
