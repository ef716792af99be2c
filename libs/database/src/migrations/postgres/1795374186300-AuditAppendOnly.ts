import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit rows can only be inserted. UPDATE is always refused; DELETE only inside the retention job's
 * transaction, which sets `trestle.audit_retention` locally and re-anchors the chain.
 */
export class AuditAppendOnly1795374186300 implements MigrationInterface {
  name = 'AuditAppendOnly1795374186300';

  async up(queryRunner: QueryRunner): Promise<void> {
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

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_events_no_truncate ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_events_append_only ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS trestle_audit_append_only()`);
  }
}
