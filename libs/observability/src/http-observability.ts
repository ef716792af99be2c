import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RequestContext } from '@trestle/core';
import type { FastifyInstance } from 'fastify';
import { MetricsService } from './metrics/metrics.service';
import { REQUEST_ID_HEADER } from './request-id/request-id';

/** Fastify hooks: request context for the whole call, the request id echoed on every response, latency by route template. */
@Injectable()
export class HttpObservability implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('onRequest', (request, reply, done) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      RequestContext.run({ requestId: String(request.id) }, done);
    });
    fastify.addHook('onResponse', async (request, reply) => {
      this.metrics.httpRequestDuration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });
  }
}
