/// <reference types="jest" />
import type { ConnectionGateway, EffectiveReadCache } from '@trestle/connectors';
import { OutboundCallEvents } from '@trestle/connectors';
import { MetricsService } from '@trestle/observability';
import { LiveCacheMetrics } from './live-cache-metrics';
import { LiveReadCache } from './live-read-cache';
import type { ReadCacheDriver } from './read-cache.driver';

/** The cache policy and scope the contract's checks use; driver specs use them for their own checks too. */
export const CONTRACT_POLICY: EffectiveReadCache = {
  ttlMs: 60_000,
  staleWhileRevalidateMs: 0,
  maxEntries: 100,
  shareAcrossCallers: false,
};
export const CONTRACT_SCOPE = { tenantId: 'acme', connectionId: 'c1', entity: 'customer' };

/** A LiveReadCache over `driver` with nothing else behind it. */
export function liveCacheOver(driver: ReadCacheDriver): LiveReadCache {
  return new LiveReadCache(
    driver,
    new LiveCacheMetrics(new MetricsService()),
    new OutboundCallEvents(),
    {} as ConnectionGateway,
  );
}

/**
 * Registers the checks every read cache driver keeps. `openClient` opens another client of one
 * store that starts empty: what one client writes, the others read. The caller closes the
 * clients and removes the store.
 */
export function describeReadCacheDriverContract(openClient: () => Promise<ReadCacheDriver>): void {
  describe('read cache driver contract', () => {
    it('shares entries between clients and drops them everywhere on invalidation', async () => {
      const here = await openClient();
      const there = await openClient();
      const before = await here.get(CONTRACT_SCOPE, 'page-1');
      expect(before).toEqual({ generation: '0', entry: undefined });
      await here.set(
        CONTRACT_SCOPE,
        before.generation,
        'page-1',
        { storedAt: Date.now(), value: { n: 1 } },
        CONTRACT_POLICY,
      );
      expect((await there.get(CONTRACT_SCOPE, 'page-1')).entry?.value).toEqual({ n: 1 });

      await there.invalidate(CONTRACT_SCOPE);
      expect(await here.get(CONTRACT_SCOPE, 'page-1')).toEqual({ generation: '1', entry: undefined });
      // a load that began before the write stores under the old generation: never seen again
      await here.set(
        CONTRACT_SCOPE,
        before.generation,
        'page-1',
        { storedAt: Date.now(), value: { n: 'old' } },
        CONTRACT_POLICY,
      );
      expect((await there.get(CONTRACT_SCOPE, 'page-1')).entry).toBeUndefined();
      expect((await there.get({ ...CONTRACT_SCOPE, entity: 'contact' }, 'page-1')).generation).toBe('0');
    });

    it('keeps tenants and connections apart', async () => {
      const cache = await openClient();
      const lookup = await cache.get(CONTRACT_SCOPE, 'same');
      await cache.set(
        CONTRACT_SCOPE,
        lookup.generation,
        'same',
        { storedAt: Date.now(), value: 'acme' },
        CONTRACT_POLICY,
      );
      expect((await cache.get({ ...CONTRACT_SCOPE, tenantId: 'globex' }, 'same')).entry).toBeUndefined();
      expect((await cache.get({ ...CONTRACT_SCOPE, connectionId: 'c2' }, 'same')).entry).toBeUndefined();
    });

    it('keeps at most maxEntries per connection, dropping the oldest', async () => {
      const cache = await openClient();
      const scope = { ...CONTRACT_SCOPE, connectionId: 'bounded' };
      const { generation } = await cache.get(scope, 'k0');
      const started = Date.now();
      for (let i = 0; i < 5; i += 1) {
        await cache.set(
          scope,
          generation,
          `k${i}`,
          { storedAt: started + i, value: i },
          { ...CONTRACT_POLICY, maxEntries: 3 },
        );
      }
      const present = await Promise.all(
        [0, 1, 2, 3, 4].map(async (i) => (await cache.get(scope, `k${i}`)).entry?.value),
      );
      expect(present).toEqual([undefined, undefined, 2, 3, 4]);
    });

    it('expires entries after TTL plus the stale window', async () => {
      const cache = await openClient();
      const scope = { ...CONTRACT_SCOPE, connectionId: 'expiring' };
      const { generation } = await cache.get(scope, 'k');
      await cache.set(
        scope,
        generation,
        'k',
        { storedAt: Date.now(), value: 1 },
        { ...CONTRACT_POLICY, ttlMs: 80, staleWhileRevalidateMs: 40 },
      );
      expect((await cache.get(scope, 'k')).entry).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 180));
      expect((await cache.get(scope, 'k')).entry).toBeUndefined();
    });

    it('makes one load for 100 identical concurrent reads, and another client then hits', async () => {
      const here = liveCacheOver(await openClient());
      const there = liveCacheOver(await openClient());
      const scope = { ...CONTRACT_SCOPE, connectionId: 'coalesced' };
      let loads = 0;
      const load = async () => {
        loads += 1;
        await new Promise((resolve) => setTimeout(resolve, 30));
        return { page: 1 };
      };
      const answers = await Promise.all(
        Array.from({ length: 100 }, () => here.read(scope, { q: 1 }, CONTRACT_POLICY, load)),
      );
      expect(loads).toBe(1);
      expect(answers.filter((a) => a.outcome === 'miss')).toHaveLength(1);
      expect(answers.every((a) => a.value.page === 1)).toBe(true);
      expect((await there.read(scope, { q: 1 }, CONTRACT_POLICY, load)).outcome).toBe('hit');
      expect(loads).toBe(1);
    });
  });
}
