import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditChainTipTime1796112213304 implements MigrationInterface {
  name = 'AuditChainTipTime1796112213304';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "audit_chain_heads" ADD "last_occurred_at" character varying(24) NOT NULL DEFAULT \'\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_chain_heads" DROP COLUMN "last_occurred_at"');
  }
}
