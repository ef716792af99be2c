import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { OutboundCall, OutboundCallEvents } from '@trestle/connectors';
import { AppConfig, RequestContext } from '@trestle/core';
import { AuditWriter } from '../chain/audit-writer';

/** Records every call the hub makes to a legacy system, with retries and breaker state. */
@Injectable()
export class OutboundAuditListener implements OnModuleInit, OnModuleDestroy {
  private unsubscribe?: () => void;

  constructor(
    private readonly calls: OutboundCallEvents,
    private readonly writer: AuditWriter,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.auditEnabled) return;
    this.unsubscribe = this.calls.subscribe((call) => void this.writer.record(this.eventFor(call)));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private eventFor(call: OutboundCall) {
    const context = RequestContext.current();
    return {
      tenantId: call.tenantId,
      actor: context?.actor ?? 'system:hub',
      action: `adapter.${call.operation}`,
      resource: [call.entity, call.target].filter(Boolean).join('/') || call.operation,
      connectionId: call.connectionId,
      requestId: context?.requestId,
      outcome: call.outcome === 'ok' ? ('success' as const) : ('failure' as const),
      status: call.errorCode ?? 'ok',
      durationMs: call.durationMs,
      details: { attempts: call.attempts, breaker: call.breakerState },
    };
  }
}
