import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoreWriteIndexes1796116769626 implements MigrationInterface {
  name = 'StoreWriteIndexes1796116769626';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_82f1910b686f936d89c0b192d7"');
    await queryRunner.query('DROP INDEX "IDX_19d9a8254ae9964e4d6fdd3830"');
    await queryRunner.query('DROP INDEX "IDX_32b61424f40edb1a23e11f06b3"');
    await queryRunner.query(
      'CREATE INDEX "IDX_e9591152e6a8f345d268a2cf70" ON "canonical_records" ("tenant_id", "entity", "customer_source_id") WHERE customer_source_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ddb4f12574fb599fa9157a1fec" ON "canonical_records" ("tenant_id", "entity", "email") WHERE email IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_82f1910b686f936d89c0b192d7" ON "canonical_records" ("tenant_id", "entity", "label") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_19d9a8254ae9964e4d6fdd3830" ON "canonical_records" ("tenant_id", "entity", "email") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_32b61424f40edb1a23e11f06b3" ON "canonical_records" ("tenant_id", "entity", "customer_source_id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_e9591152e6a8f345d268a2cf70"');
    await queryRunner.query('DROP INDEX "IDX_ddb4f12574fb599fa9157a1fec"');
  }
}
