import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, createValidationPipe, ProblemDetailsFilter, problemErrorHandler } from '@trestle/core';
import { requestIdFor } from '@trestle/observability';
import { Logger } from 'nestjs-pino';
import { HubModule } from './hub.module';
import { setupOpenApi } from './openapi';
import { recordRoutes } from './route-catalog';
import { registerSecurityHeaders } from './security-headers';

/** Builds the hub exactly as production runs it; tests call this too. */
export async function createHubApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: requestIdFor,
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    trustProxy: true,
  });
  adapter.getInstance().setErrorHandler(problemErrorHandler);
  recordRoutes(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(HubModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  await registerSecurityHeaders(adapter.getInstance(), {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  await app.init();
  return app;
}
