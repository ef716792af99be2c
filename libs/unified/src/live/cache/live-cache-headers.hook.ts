import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RequestContext } from '@trestle/core';
import type { FastifyInstance } from 'fastify';

export const CACHE_STATUS_HEADER = 'x-trestle-cache';

const RANK: Record<string, number> = { hit: 0, stale: 1, coalesced: 2, miss: 3 };

/**
 * Tells the client how the live reads of its call were served: `x-trestle-cache` is the least
 * cached outcome among them (hit, stale, coalesced, miss) and `Age` the age in seconds of the
 * oldest answer served from the cache.
 */
@Injectable()
export class LiveCacheHeadersHook implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      const outcomes = RequestContext.current()?.liveCache;
      if (outcomes && outcomes.length > 0) {
        const worst = outcomes.reduce((a, b) => ((RANK[b.outcome] ?? 3) > (RANK[a.outcome] ?? 3) ? b : a));
        void reply.header(CACHE_STATUS_HEADER, worst.outcome);
        const cached = outcomes.filter((o) => o.outcome === 'hit' || o.outcome === 'stale');
        if (cached.length > 0) {
          void reply.header('age', String(Math.floor(Math.max(...cached.map((o) => o.ageMs)) / 1000)));
        }
      }
      done(null, payload);
    });
  }
}
