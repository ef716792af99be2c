import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { trustedTenantId } from '@trestle/auth';
import { ConnectionGateway, EffectiveReadCache, OutboundCall, OutboundCallEvents } from '@trestle/connectors';
import { RequestContext, sha256 } from '@trestle/core';
import { CacheOutcome, LiveCacheMetrics } from './live-cache-metrics';
import { CacheScope, READ_CACHE_DRIVER, ReadCacheDriver } from './read-cache.driver';

const UNAVAILABLE = 'unavailable';
const WARN_EVERY_MS = 30_000;

export interface CachedAnswer<T> {
  value: T;
  outcome: CacheOutcome;
  /** How old the answer is, in ms (0 when it came from the system for this very read). */
  ageMs: number;
}

/**
 * The read cache of `mode=live`: fresh entries are answered as they are, entries within the stale
 * window are answered while one refresh runs in the background, and identical reads while a call
 * is in flight wait for that one call (per process). Writes through the hub (create, update,
 * passthrough) drop the written connection entity's entries, in every process that shares the
 * driver.
 */
@Injectable()
export class LiveReadCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LiveReadCache.name);
  private readonly inflight = new Map<string, Promise<{ value: unknown; storedAt: number }>>();
  private readonly invalidations = new Set<Promise<void>>();
  private unsubscribe?: () => void;
  private warnedAt = -Infinity;

  constructor(
    @Inject(READ_CACHE_DRIVER) private readonly driver: ReadCacheDriver,
    private readonly metrics: LiveCacheMetrics,
    private readonly calls: OutboundCallEvents,
    private readonly gateway: ConnectionGateway,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.calls.subscribe((call) => this.onOutboundCall(call));
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all(this.invalidations);
    await this.driver.close();
  }

  /** Answers `request` from the cache, or from `load` (once for all identical concurrent reads). */
  async read<T>(
    scope: CacheScope,
    request: unknown,
    policy: EffectiveReadCache,
    load: () => Promise<T>,
  ): Promise<CachedAnswer<T>> {
    if (this.invalidations.size > 0) await Promise.all(this.invalidations);
    const key = sha256(JSON.stringify(request), 'base64url');
    const lookup = await this.lookup(scope, key);
    const now = Date.now();
    if (lookup.entry) {
      const ageMs = Math.max(0, now - lookup.entry.storedAt);
      if (ageMs <= policy.ttlMs) return this.answer(scope, 'hit', lookup.entry.value as T, ageMs);
      if (ageMs <= policy.ttlMs + policy.staleWhileRevalidateMs) {
        this.loadOnce(scope, lookup.generation, key, policy, load).catch(() => undefined);
        return this.answer(scope, 'stale', lookup.entry.value as T, ageMs);
      }
    }
    const flight = flightKey(scope, lookup.generation, key);
    const joined = this.inflight.get(flight);
    const loaded = await (joined ?? this.loadOnce(scope, lookup.generation, key, policy, load));
    return this.answer(scope, joined ? 'coalesced' : 'miss', loaded.value as T, 0);
  }

  /** Drops every cached answer of the connection entity. */
  invalidate(scope: CacheScope): Promise<void> {
    return this.track(this.driver.invalidate(scope), scope);
  }

  /** Reads in this process wait for invalidations under way, so they never see what a finished write replaced. */
  private track(work: Promise<unknown>, scope: Partial<CacheScope>): Promise<void> {
    const done: Promise<void> = work
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.error(
          { connectionId: scope.connectionId, entity: scope.entity, err: describe(error) },
          'Live read cache invalidation failed',
        ),
      )
      .finally(() => this.invalidations.delete(done));
    this.invalidations.add(done);
    return done;
  }

  private loadOnce<T>(
    scope: CacheScope,
    generation: string,
    key: string,
    policy: EffectiveReadCache,
    load: () => Promise<T>,
  ): Promise<{ value: unknown; storedAt: number }> {
    const flight = flightKey(scope, generation, key);
    const running = this.inflight.get(flight);
    if (running) return running;
    const started = (async () => {
      const value = await load();
      const entry = { value, storedAt: Date.now() };
      if (generation === UNAVAILABLE) return entry;
      await this.driver
        .set(scope, generation, key, entry, policy)
        .catch((error: unknown) =>
          this.logger.warn({ connectionId: scope.connectionId, err: describe(error) }, 'Live read cache store failed'),
        );
      return entry;
    })().finally(() => this.inflight.delete(flight));
    this.inflight.set(flight, started);
    return started;
  }

  private async lookup(scope: CacheScope, key: string) {
    try {
      return await this.driver.get(scope, key);
    } catch (error) {
      const now = Date.now();
      if (now - this.warnedAt >= WARN_EVERY_MS) {
        this.warnedAt = now;
        this.logger.warn(
          { connectionId: scope.connectionId, driver: this.driver.name, err: describe(error) },
          'Live read cache unavailable; reading from the system uncached',
        );
      }
      return { generation: UNAVAILABLE, entry: undefined };
    }
  }

  private answer<T>(scope: CacheScope, outcome: CacheOutcome, value: T, ageMs: number): CachedAnswer<T> {
    this.metrics.record(scope.connectionId, outcome);
    const context = RequestContext.current();
    if (context) (context.liveCache ??= []).push({ outcome, ageMs });
    return { value, outcome, ageMs };
  }

  private onOutboundCall(call: OutboundCall): void {
    if (call.operation === 'create' || call.operation === 'update') {
      if (call.entity)
        void this.invalidate({ tenantId: call.tenantId, connectionId: call.connectionId, entity: call.entity });
      return;
    }
    if (call.operation !== 'passthrough') return;
    // a passthrough operation may write anything the connection serves
    const { tenantId, connectionId } = call;
    void this.track(
      this.gateway
        .profile(trustedTenantId(tenantId), connectionId)
        .then((profile) =>
          Promise.all(
            Object.keys(profile.definition.entities ?? {}).map((entity) =>
              this.driver.invalidate({ tenantId, connectionId, entity }),
            ),
          ),
        ),
      { tenantId, connectionId },
    );
  }
}

function flightKey(scope: CacheScope, generation: string, key: string): string {
  return `${scope.tenantId}\u0000${scope.connectionId}\u0000${scope.entity}\u0000${generation}\u0000${key}`;
}

function describe(error: unknown): { name: string; message: string } | undefined {
  return error instanceof Error ? { name: error.name, message: error.message } : undefined;
}
