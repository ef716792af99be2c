import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditChainTipTime1796112213304 implements MigrationInterface {
  name = 'AuditChainTipTime1796112213304';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "temporary_audit_chain_heads" ("tenant_id" varchar(64) PRIMARY KEY NOT NULL, "seq" integer NOT NULL, "hash" varchar(64) NOT NULL, "anchor_seq" integer NOT NULL DEFAULT (0), "anchor_hash" varchar(64) NOT NULL DEFAULT (\'\'), "last_occurred_at" varchar(24) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_audit_chain_heads"("tenant_id", "seq", "hash", "anchor_seq", "anchor_hash") SELECT "tenant_id", "seq", "hash", "anchor_seq", "anchor_hash" FROM "audit_chain_heads"',
    );
    await queryRunner.query('DROP TABLE "audit_chain_heads"');
    await queryRunner.query('ALTER TABLE "temporary_audit_chain_heads" RENAME TO "audit_chain_heads"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "temporary_audit_chain_heads"');
    await queryRunner.query(
      'INSERT INTO "audit_chain_heads"("tenant_id", "seq", "hash", "anchor_seq", "anchor_hash") SELECT "tenant_id", "seq", "hash", "anchor_seq", "anchor_hash" FROM "temporary_audit_chain_heads"',
    );
    await queryRunner.query(
      'CREATE TABLE "audit_chain_heads" ("tenant_id" varchar(64) PRIMARY KEY NOT NULL, "seq" integer NOT NULL, "hash" varchar(64) NOT NULL, "anchor_seq" integer NOT NULL DEFAULT (0), "anchor_hash" varchar(64) NOT NULL DEFAULT (\'\'))',
    );
    await queryRunner.query('ALTER TABLE "audit_chain_heads" RENAME TO "temporary_audit_chain_heads"');
  }
}
