import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RequestContext } from '@trestle/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { MetricsService } from './metrics/metrics.service';
import { REQUEST_ID_HEADER } from './request-id/request-id';

const QUIET_ROUTES = /^\/(health\/|metrics$)/;

/**
 * Fastify hooks: request context for the whole call, the request id echoed on every response,
 * latency by route template, and one log line per answered request (health and metrics excepted).
 */
@Injectable()
export class HttpObservability implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
    private readonly log: PinoLogger,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('onRequest', (request, reply, done) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      RequestContext.run({ requestId: String(request.id) }, done);
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      this.metrics.httpRequestDuration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
      this.logAnswered(request, reply);
      done();
    });
  }

  private logAnswered(request: FastifyRequest, reply: FastifyReply): void {
    if (QUIET_ROUTES.test(request.url)) return;
    const logger = this.log.logger;
    const failed = reply.statusCode >= 500;
    if (!logger.isLevelEnabled(failed ? 'error' : 'info')) return;
    const line = {
      req: { id: String(request.id), method: request.method, url: request.url },
      res: { statusCode: reply.statusCode },
      responseTime: Math.round(reply.elapsedTime),
    };
    if (failed) logger.error(line, 'request errored');
    else logger.info(line, 'request completed');
  }
}
