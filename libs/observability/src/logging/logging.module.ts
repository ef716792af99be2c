import { Module } from '@nestjs/common';
import { AppConfig } from '@trestle/core';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';

/** Header and body paths that must never reach a log line. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.apiKey',
  '*.credentials',
];

const QUIET_ROUTES = /^\/(health\/|metrics$)/;

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          transport: config.logPretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          genReqId: (request: IncomingMessage) => String((request as { id?: unknown }).id),
          autoLogging: { ignore: (request: IncomingMessage) => QUIET_ROUTES.test(request.url ?? '') },
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              url: request.url,
            }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
