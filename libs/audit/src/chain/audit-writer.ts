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
/** How long best-effort events may wait for company. */
const GROUP_WINDOW_MS = 10;
/**
 * How long a durable event waits for company when durable events are arriving closer together
 * than this: one commit then serves several mutating calls. A durable event that comes alone
 * goes out at once.
 */
const DURABLE_WINDOW_MS = 1;
const RECORDED = Promise.resolve();

interface GroupWindow {
  closesAt: number;
  timer: NodeJS.Timeout;
  close: () => void;
}

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
  private window?: GroupWindow;
  private lastDurableAt = -Infinity;
  /** How long the durable events now queued may wait for company. */
  private durableWaitMs = DURABLE_WINDOW_MS;

  constructor(private readonly events: AuditEventRepository) {}

  record(input: AuditEventInput, options: { durable?: boolean } = {}): Promise<void> {
    const pending: Pending = { event: prepare(input), durable: options.durable === true, settle: this.reportLoss };
    const committed = pending.durable
      ? new Promise<void>((resolve, reject) => (pending.settle = (error) => (error ? reject(error) : resolve())))
      : RECORDED;
    this.queue.push(pending);
    if (pending.durable) this.closeWindowWithin(this.durableWait());
    else if (this.queue.length >= MAX_BATCH) this.closeWindowWithin(0);
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
    await this.events.close();
  }

  private scheduleFlush(): void {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = this.flushBatches().finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.scheduleFlush();
    });
  }

  /** How long a durable event recorded now may wait: the durable window when the previous one came moments ago. */
  private durableWait(): number {
    const now = performance.now();
    const wait = now - this.lastDurableAt < DURABLE_WINDOW_MS ? DURABLE_WINDOW_MS : 0;
    this.lastDurableAt = now;
    this.durableWaitMs = Math.min(this.durableWaitMs, wait);
    return wait;
  }

  private windowMs(): number {
    if (this.queue.length >= MAX_BATCH) return 0;
    return this.queue.some((pending) => pending.durable) ? this.durableWaitMs : GROUP_WINDOW_MS;
  }

  private openWindow(ms: number): Promise<void> {
    if (ms === 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      const close = () => {
        clearTimeout(group.timer);
        this.window = undefined;
        resolve();
      };
      const group: GroupWindow = { closesAt: performance.now() + ms, timer: setTimeout(close, ms), close };
      this.window = group;
    });
  }

  /** Ends the open group window within `ms` (at once for 0); a window never grows. */
  private closeWindowWithin(ms: number): void {
    const group = this.window;
    if (!group) return;
    if (ms === 0) return group.close();
    const closesAt = performance.now() + ms;
    if (closesAt >= group.closesAt) return;
    clearTimeout(group.timer);
    group.timer = setTimeout(group.close, ms);
    group.closesAt = closesAt;
  }

  private async flushBatches(): Promise<void> {
    await this.openWindow(this.windowMs());
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.durableWaitMs = DURABLE_WINDOW_MS;
      const byTenant = new Map<string, Pending[]>();
      for (const pending of batch) {
        const list = byTenant.get(pending.event.tenantId);
        if (list) list.push(pending);
        else byTenant.set(pending.event.tenantId, [pending]);
      }
      await Promise.all(
        [...byTenant.values()].map((list) =>
          this.events
            .append(
              list.map((pending) => pending.event),
              { awaited: list.some((pending) => pending.durable) },
            )
            .then(
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
