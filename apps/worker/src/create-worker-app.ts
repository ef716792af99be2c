import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ProblemDetailsFilter, problemErrorHandler } from '@trestle/core';
import { requestIdFor } from '@trestle/observability';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** The worker serves probes and metrics only; the modules' API routes exist in the hub. */
const WORKER_ROUTES = /^\/(health\/(live|ready)|metrics)(\?|$)/;

export async function createWorkerApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ genReqId: requestIdFor, requestIdHeader: false, forceCloseConnections: 'idle' });
  adapter.getInstance().setErrorHandler(problemErrorHandler);
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    if (!WORKER_ROUTES.test(request.url)) await reply.code(404).send();
  });
  const app = await NestFactory.create<NestFastifyApplication>(WorkerModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
  return app;
}
