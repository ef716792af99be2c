import { Controller, Get, Param, ParseIntPipe, Post, HttpCode, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { RequireScopes, Scope } from '@trestle/core';
import type { FastifyReply } from 'fastify';
import { AuditExportService } from './export/audit-export.service';
import {
  AuditEventPage,
  AuditEventResponse,
  AuditExportQuery,
  AuditListQuery,
  VerificationResponse,
} from './query/audit.dto';
import { AuditQueryService } from './query/audit-query.service';

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditQueryService,
    private readonly exports: AuditExportService,
  ) {}

  @Get('events')
  @RequireScopes(Scope.AuditRead)
  @ApiOkResponse({ type: AuditEventPage, description: 'Newest first.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: AuditListQuery): Promise<AuditEventPage> {
    return this.audit.list(principal, query);
  }

  @Get('events/:seq')
  @RequireScopes(Scope.AuditRead)
  @ApiOkResponse({ type: AuditEventResponse })
  get(@CurrentPrincipal() principal: Principal, @Param('seq', ParseIntPipe) seq: number): Promise<AuditEventResponse> {
    return this.audit.get(principal, seq);
  }

  @Post('verify')
  @HttpCode(200)
  @RequireScopes(Scope.AuditRead)
  @ApiOkResponse({ type: VerificationResponse, description: 'Walks the hash chain and names the first broken event.' })
  verify(@CurrentPrincipal() principal: Principal): Promise<VerificationResponse> {
    return this.audit.verify(principal);
  }

  @Get('export')
  @RequireScopes(Scope.AuditExport)
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({ description: 'Streamed events, oldest first, ending with a signature line (see docs/audit.md).' })
  export(@CurrentPrincipal() principal: Principal, @Query() query: AuditExportQuery, @Res() reply: FastifyReply): void {
    const csv = query.format === 'csv';
    void reply
      .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
      .header('content-disposition', `attachment; filename="audit-${principal.tenantId}.${csv ? 'csv' : 'ndjson'}"`)
      .send(this.exports.export(principal, query));
  }
}
