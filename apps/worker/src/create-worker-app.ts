import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ProblemDetailsFilter, problemErrorHandler } from '@trestle/core';
import { requestIdFor } from '@trestle/observability';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

export async function createWorkerApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ genReqId: requestIdFor, requestIdHeader: false, forceCloseConnections: 'idle' });
  adapter.getInstance().setErrorHandler(problemErrorHandler);
  const app = await NestFactory.create<NestFastifyApplication>(WorkerModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
  return app;
}
