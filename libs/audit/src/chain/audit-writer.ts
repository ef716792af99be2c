import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AuditEventInput } from '../audit-event';
import { redact } from '../capture/redaction';
import { AuditEventRepository, UnchainedEvent } from './audit-event.repository';

interface Pending {
  event: UnchainedEvent;
  durable: boolean;
  settle: (error?: unknown) => void;
}

const MAX_BATCH = 500;
/** How long best-effort events may wait for company; a durable event flushes at once, and cuts a window short. */
const GROUP_WINDOW_MS = 10;
const RECORDED = Promise.resolve();

/**
 * Group commit: events queue up while a batch is being written and go out together in the next
 * transaction. `record(..., { durable: true })` resolves only once the event is committed, which is
 * what mutating calls wait for before answering.
 */
@Injectable()
export class AuditWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(AuditWriter.name);
  private queue: Pending[] = [];
  private flushing?: Promise<void>;
  /** Ends the current group window early: a durable event (or a full batch) does not wait for company. */
  private closeWindow?: () => void;

  constructor(private readonly events: AuditEventRepository) {}

  record(input: AuditEventInput, options: { durable?: boolean } = {}): Promise<void> {
    const pending: Pending = { event: prepare(input), durable: options.durable === true, settle: this.reportLoss };
    const committed = pending.durable
      ? new Promise<void>((resolve, reject) => (pending.settle = (error) => (error ? reject(error) : resolve())))
      : RECORDED;
    this.queue.push(pending);
    if (pending.durable || this.queue.length >= MAX_BATCH) this.closeWindow?.();
    this.scheduleFlush();
    return committed;
  }

  /** A best-effort event nobody waits for: its failure can only be logged. */
  private readonly reportLoss = (error?: unknown): void => {
    if (error) this.logger.error({ err: describe(error) }, 'Audit event could not be written');
  };

  /** Resolves when everything recorded so far is committed. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) {
      this.scheduleFlush();
      await this.flushing;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private scheduleFlush(): void {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = this.flushBatches().finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.scheduleFlush();
    });
  }

  private async flushBatches(): Promise<void> {
    if (this.queue.some((pending) => pending.durable) || this.queue.length >= MAX_BATCH) {
      await new Promise((resolve) => setImmediate(resolve));
    } else {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(close, GROUP_WINDOW_MS);
        function close(): void {
          clearTimeout(timer);
          resolve();
        }
        this.closeWindow = close;
      });
      this.closeWindow = undefined;
    }
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const byTenant = new Map<string, Pending[]>();
      for (const pending of batch) {
        const list = byTenant.get(pending.event.tenantId);
        if (list) list.push(pending);
        else byTenant.set(pending.event.tenantId, [pending]);
      }
      await Promise.all(
        [...byTenant.values()].map((list) =>
          this.events.append(list.map((pending) => pending.event)).then(
            () => list.forEach((pending) => pending.settle()),
            (error: unknown) => list.forEach((pending) => pending.settle(error)),
          ),
        ),
      );
    }
  }
}

function prepare(input: AuditEventInput): UnchainedEvent {
  return {
    tenantId: input.tenantId,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    actor: input.actor.slice(0, 200),
    action: input.action.slice(0, 200),
    resource: input.resource.slice(0, 500),
    connectionId: input.connectionId ?? null,
    requestId: input.requestId ?? null,
    outcome: input.outcome,
    status: input.status === undefined ? null : String(input.status),
    durationMs: input.durationMs === undefined ? null : Math.round(input.durationMs),
    requestHash: input.requestHash ?? null,
    responseHash: input.responseHash ?? null,
    details: input.details ? JSON.stringify(redact(input.details)) : null,
    bodies: input.bodies ? JSON.stringify(redact(input.bodies)) : null,
  };
}

function describe(error: unknown): { name: string; message: string } | undefined {
  return error instanceof Error ? { name: error.name, message: error.message } : undefined;
}
