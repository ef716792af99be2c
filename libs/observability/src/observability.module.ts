import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness.registry';
import { HttpObservability } from './http-observability';
import { LoggingModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

/** Logs, metrics and health for any Trestle process. */
@Global()
@Module({
  imports: [LoggingModule, TerminusModule.forRoot({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: 0 })],
  controllers: [HealthController, MetricsController],
  providers: [MetricsService, ReadinessRegistry, HttpObservability],
  exports: [MetricsService, ReadinessRegistry],
})
export class ObservabilityModule {}
