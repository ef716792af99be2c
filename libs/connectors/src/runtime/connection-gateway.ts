import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { TenantId } from '@trestle/auth';
import {
  AdapterConnection,
  AdapterError,
  AdapterLogger,
  CheckResult,
  ConnectorDefinition,
  ListQuery,
  Page,
  SourceRecord,
} from '@trestle/adapter-sdk';
import { AppConfig, ProblemException, SecretBox } from '@trestle/core';
import { AdapterRegistry } from '../adapters/adapter-registry';
import { ConnectionEntity } from '../connections/connection.entity';
import { ConnectionRepository } from '../connections/connection.repository';
import { CallKind, ResiliencePolicy } from '../resilience/resilience-policy';
import { EffectiveReadCache, effectiveReadCache } from '../resilience/read-cache-settings';
import { EffectiveResilience, ResilienceSettings } from '../resilience/resilience-settings';
import { ConnectorMetrics } from './connector-metrics';
import { OutboundCall, OutboundCallEvents } from './outbound-call';

/**
 * How long a resolved connection is trusted before its row is read again. Changes made through
 * this process apply at once (evict); other processes pick them up within this time.
 */
const RECHECK_AFTER_MS = 1000;

interface LiveConnection {
  stored: ConnectionEntity;
  checkedAt: number;
  connection?: Promise<AdapterConnection>;
  policy: ResiliencePolicy;
  definition: ConnectorDefinition;
  readCache?: EffectiveReadCache;
}

/** What the live read path needs to know about a connection, resolved without a database read most of the time. */
export interface ConnectionProfile {
  definition: ConnectorDefinition;
  /** Changes whenever the connection is edited (definition, settings, credentials, resilience). */
  version: number;
  readCache?: EffectiveReadCache;
}

type Operation = OutboundCall['operation'];

const LOG_RANK: Record<string, number> = {
  trace: 10,
  debug: 20,
  log: 30,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

/**
 * The one way the rest of the hub talks to legacy systems. Resolves a tenant's connection, keeps one
 * live adapter connection per configured connection, and runs every call under that connection's
 * resilience policy, observing it for metrics and audit.
 */
@Injectable()
export class ConnectionGateway implements OnApplicationShutdown {
  private readonly logger = new Logger(ConnectionGateway.name);
  private readonly live = new Map<string, LiveConnection>();

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly adapters: AdapterRegistry,
    private readonly secretBox: SecretBox,
    private readonly config: AppConfig,
    private readonly metrics: ConnectorMetrics,
    private readonly events: OutboundCallEvents,
  ) {}

  /** The connection's connector definition; 404 unless the connection belongs to the tenant. */
  async definition(tenantId: TenantId, connectionId: string): Promise<ConnectorDefinition> {
    return (await this.resolve(tenantId, connectionId)).definition;
  }

  /** Definition, version and read-cache policy of the connection; 404 unless it belongs to the tenant. */
  async profile(tenantId: TenantId, connectionId: string): Promise<ConnectionProfile> {
    const live = await this.resolve(tenantId, connectionId);
    return { definition: live.definition, version: live.stored.version, readCache: live.readCache };
  }

  check(tenantId: TenantId, connectionId: string, signal?: AbortSignal): Promise<CheckResult> {
    return this.call(tenantId, connectionId, 'check', 'read', {}, (c, s) => c.check({ signal: s }), signal);
  }

  get(
    tenantId: TenantId,
    connectionId: string,
    entity: string,
    sourceId: string,
    signal?: AbortSignal,
  ): Promise<SourceRecord> {
    return this.call(
      tenantId,
      connectionId,
      'get',
      'read',
      { entity, target: sourceId },
      (c, s) => c.get(entity, sourceId, { signal: s }),
      signal,
    );
  }

  create(
    tenantId: TenantId,
    connectionId: string,
    entity: string,
    record: SourceRecord,
    signal?: AbortSignal,
  ): Promise<SourceRecord> {
    return this.call(
      tenantId,
      connectionId,
      'create',
      'write',
      { entity },
      (c, s) => c.create(entity, record, { signal: s }),
      signal,
    );
  }

  update(
    tenantId: TenantId,
    connectionId: string,
    entity: string,
    sourceId: string,
    patch: SourceRecord,
    signal?: AbortSignal,
  ): Promise<SourceRecord> {
    return this.call(
      tenantId,
      connectionId,
      'update',
      'write',
      { entity, target: sourceId },
      (c, s) => c.update(entity, sourceId, patch, { signal: s }),
      signal,
    );
  }

  passthrough(
    tenantId: TenantId,
    connectionId: string,
    operation: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    return this.call(
      tenantId,
      connectionId,
      'passthrough',
      'write',
      { target: operation },
      (c, s) => c.passthrough(operation, args, { signal: s }),
      signal,
    );
  }

  /**
   * Pages of source records. Each page is one guarded call that restarts the adapter's listing from
   * the previous page's cursor, so a retried page never repeats or skips records.
   */
  async *list(tenantId: TenantId, connectionId: string, entity: string, query: ListQuery = {}): AsyncGenerator<Page> {
    let cursor = query.cursor;
    for (;;) {
      const page = await this.call(
        tenantId,
        connectionId,
        'list',
        'read',
        { entity },
        async (connection, signal) => {
          const pages = connection.list(entity, { ...query, cursor, signal })[Symbol.asyncIterator]();
          try {
            const next = await pages.next();
            return next.done ? undefined : next.value;
          } finally {
            await pages.return?.();
          }
        },
        query.signal,
      );
      if (!page) return;
      yield page;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  /** Breaker state and load of every connection this process has used, for readiness and the console. */
  states(tenantId?: string): { connectionId: string; breaker: string; inFlight: number }[] {
    return [...this.live]
      .filter(([, live]) => tenantId === undefined || live.stored.tenantId === tenantId)
      .map(([connectionId, live]) => ({ connectionId, breaker: live.policy.state, inFlight: live.policy.inFlight }));
  }

  breakerState(connectionId: string): string {
    return this.live.get(connectionId)?.policy.state ?? 'closed';
  }

  /** Drops the live connection (settings changed or connection deleted); the next call reconnects. */
  async evict(connectionId: string): Promise<void> {
    const live = this.live.get(connectionId);
    this.live.delete(connectionId);
    this.metrics.forget(connectionId);
    await this.closeQuietly(live);
  }

  async onApplicationShutdown(): Promise<void> {
    const all = [...this.live.values()];
    this.live.clear();
    await Promise.all(all.map((live) => this.closeQuietly(live)));
  }

  private async call<T>(
    tenantId: TenantId,
    connectionId: string,
    operation: Operation,
    kind: CallKind,
    subject: { entity?: string; target?: string },
    fn: (connection: AdapterConnection, signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const live = await this.resolve(tenantId, connectionId);
    const started = performance.now();
    const observation = { attempts: 0 };
    const observe = (outcome: 'ok' | 'error', errorCode?: string) => {
      const call: OutboundCall = {
        tenantId,
        connectionId,
        operation,
        ...subject,
        outcome,
        errorCode,
        durationMs: performance.now() - started,
        attempts: observation.attempts,
        breakerState: live.policy.state,
      };
      this.metrics.record(call);
      this.events.emit(call);
    };
    try {
      const result = await live.policy.execute(
        kind,
        async (attemptSignal) => fn(await this.connect(live, connectionId), attemptSignal),
        signal,
        observation,
      );
      observe('ok');
      return result;
    } catch (error) {
      const typed = AdapterError.is(error) ? error : this.unexpected(error, connectionId, operation);
      const refusedByBreaker = typed.details.circuit === 'open';
      if ((typed.code === 'unreachable' || typed.code === 'auth') && !refusedByBreaker) live.connection = undefined;
      observe('error', typed.code);
      throw typed;
    }
  }

  private async resolve(tenantId: TenantId, connectionId: string): Promise<LiveConnection> {
    const cached = this.live.get(connectionId);
    const now = Date.now();
    if (cached && cached.stored.tenantId === tenantId && now - cached.checkedAt < RECHECK_AFTER_MS) return cached;
    const stored = await this.connections.get(tenantId, connectionId);
    if (!stored) throw ProblemException.notFound('Connection', connectionId);
    if (cached && cached.stored.version === stored.version) {
      cached.checkedAt = now;
      return cached;
    }
    await this.closeQuietly(cached);
    const resilience = JSON.parse(stored.resilience) as ResilienceSettings;
    const fresh: LiveConnection = {
      stored,
      checkedAt: now,
      policy: new ResiliencePolicy(this.effectiveResilience(resilience)),
      definition: JSON.parse(stored.definition) as ConnectorDefinition,
      readCache: effectiveReadCache(resilience.readCache),
    };
    this.live.set(connectionId, fresh);
    return fresh;
  }

  private connect(live: LiveConnection, connectionId: string): Promise<AdapterConnection> {
    if (!live.connection) {
      const { stored } = live;
      const adapter = this.adapters.get(stored.adapter);
      const attempt = adapter.connect({
        settings: { ...(live.definition.settings ?? {}), ...(JSON.parse(stored.settings) as Record<string, unknown>) },
        credentials: JSON.parse(this.secretBox.open(stored.credentialsSealed, stored.id)) as Record<string, string>,
        definition: live.definition,
        logger: this.adapterLogger(connectionId),
        limits: { timeoutMs: live.policy.settings.timeoutMs, maxResponseBytes: live.policy.settings.maxResponseBytes },
      });
      live.connection = attempt;
      attempt.catch(() => {
        if (live.connection === attempt) live.connection = undefined;
      });
    }
    return live.connection;
  }

  private effectiveResilience(settings: ResilienceSettings): EffectiveResilience {
    return {
      timeoutMs: settings.timeoutMs ?? this.config.connectorTimeoutMs,
      retries: settings.retries ?? this.config.connectorRetries,
      breakerThreshold: settings.breakerThreshold ?? this.config.connectorBreakerThreshold,
      breakerHalfOpenAfterMs: settings.breakerHalfOpenAfterMs ?? this.config.connectorBreakerHalfOpenMs,
      maxConcurrent: settings.maxConcurrent ?? this.config.connectorMaxConcurrent,
      maxQueued: settings.maxQueued ?? this.config.connectorMaxQueued,
      maxResponseBytes: settings.maxResponseBytes ?? this.config.connectorMaxResponseBytes,
    };
  }

  private unexpected(error: unknown, connectionId: string, operation: string): AdapterError {
    this.logger.error(
      { connectionId, operation, err: error instanceof Error ? { name: error.name } : undefined },
      'Adapter threw a non-AdapterError',
    );
    return new AdapterError('invalid_response', 'The adapter failed unexpectedly.', { retryable: false });
  }

  /** Adapters log per call; lines below LOG_LEVEL cost nothing (not even their fields object). */
  private adapterLogger(connectionId: string): AdapterLogger {
    const threshold = LOG_RANK[this.config.logLevel] ?? LOG_RANK.info;
    const log = (level: 'debug' | 'log' | 'warn' | 'error') =>
      LOG_RANK[level] < threshold
        ? () => undefined
        : (message: string, fields?: Record<string, unknown>) =>
            this.logger[level]({ connectionId, ...fields }, message);
    return { debug: log('debug'), info: log('log'), warn: log('warn'), error: log('error') };
  }

  private async closeQuietly(live?: LiveConnection): Promise<void> {
    const connection = await live?.connection?.catch(() => undefined);
    await connection?.close().catch(() => undefined);
  }
}
