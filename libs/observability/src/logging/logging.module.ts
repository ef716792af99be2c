import { Module } from '@nestjs/common';
import { AppConfig, RequestContext } from '@trestle/core';
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

/**
 * Nest's logger on pino. Requests are logged by HttpObservability (one line when each answer has
 * gone), not by pino-http middleware: that built a child logger for every request, logged or not.
 * A line logged while a request is served carries its id as `req.id`.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [],
        pinoHttp: {
          level: config.logLevel,
          transport: config.logPretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          autoLogging: false,
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          mixin: () => {
            const requestId = RequestContext.current()?.requestId;
            return requestId === undefined ? {} : { req: { id: requestId } };
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
