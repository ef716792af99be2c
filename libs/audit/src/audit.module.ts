import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditResolver } from './audit.resolver';
import { HttpAuditHook } from './capture/http-audit.hook';
import { OutboundAuditListener } from './capture/outbound-audit.listener';
import { AuditChainHeadEntity } from './chain/audit-chain-head.entity';
import { AuditEventEntity } from './chain/audit-event.entity';
import { AuditEventRepository } from './chain/audit-event.repository';
import { AuditVerifier } from './chain/audit-verifier';
import { AuditWriter } from './chain/audit-writer';
import { AuditExportService } from './export/audit-export.service';
import { AuditQueryService } from './query/audit-query.service';
import { AuditArchive } from './retention/audit-archive';
import { AuditPartitionRepository } from './retention/audit-partition.repository';
import { AuditRetention } from './retention/audit-retention';

export const AUDIT_ENTITIES = [AuditEventEntity, AuditChainHeadEntity];

/** The audit trail: captured at the edges, hash-chained, group-committed, queryable, exportable, verifiable. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ENTITIES)],
  controllers: [AuditController],
  providers: [
    AuditEventRepository,
    AuditWriter,
    AuditVerifier,
    AuditQueryService,
    AuditExportService,
    AuditPartitionRepository,
    AuditArchive,
    AuditRetention,
    AuditResolver,
    HttpAuditHook,
    OutboundAuditListener,
  ],
  exports: [AuditWriter, AuditVerifier],
})
export class AuditModule {}
