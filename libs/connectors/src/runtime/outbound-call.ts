import { Injectable } from '@nestjs/common';

/** One call the hub made to a legacy system, as observed around the adapter (for audit and metrics). */
export interface OutboundCall {
  tenantId: string;
  connectionId: string;
  operation: 'connect' | 'check' | 'list' | 'get' | 'create' | 'update' | 'passthrough';
  entity?: string;
  /** Passthrough operation name or the source id involved, when there is one. */
  target?: string;
  outcome: 'ok' | 'error';
  errorCode?: string;
  durationMs: number;
  attempts: number;
  breakerState: string;
}

export type OutboundCallListener = (call: OutboundCall) => void;

/** Fan-out of outbound calls to whoever records them (audit, metrics); listeners must not throw. */
@Injectable()
export class OutboundCallEvents {
  private readonly listeners = new Set<OutboundCallListener>();

  subscribe(listener: OutboundCallListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(call: OutboundCall): void {
    for (const listener of this.listeners) listener(call);
  }
}
