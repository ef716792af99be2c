export { ObservabilityModule } from './observability.module';
export { MetricsService } from './metrics/metrics.service';
export { ReadinessRegistry, type ReadinessProbe, type ProbeResult } from './health/readiness.registry';
export { REQUEST_ID_HEADER, requestIdFor } from './request-id/request-id';
export { REDACTED_LOG_PATHS } from './logging/logging.module';
