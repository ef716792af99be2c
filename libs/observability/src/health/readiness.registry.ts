import { Injectable } from '@nestjs/common';
import { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';

export interface ProbeResult {
  up: boolean;
  details?: Record<string, unknown>;
}

export type ReadinessProbe = () => Promise<ProbeResult>;

const PROBE_TIMEOUT_MS = 3000;

/** Modules register what the hub needs to serve traffic (database, Redis, connections); /health/ready runs them all. */
@Injectable()
export class ReadinessRegistry {
  private readonly probes = new Map<string, ReadinessProbe>();

  constructor(private readonly indicator: HealthIndicatorService) {}

  register(name: string, probe: ReadinessProbe): void {
    this.probes.set(name, probe);
  }

  unregister(name: string): void {
    this.probes.delete(name);
  }

  indicators(): HealthIndicatorFunction[] {
    return [...this.probes].map(([name, probe]) => async () => {
      const session = this.indicator.check(name);
      const result = await withTimeout(probe(), PROBE_TIMEOUT_MS).catch((error: unknown) => ({
        up: false,
        details: { message: error instanceof Error ? error.message : 'probe failed' },
      }));
      return result.up ? session.up(result.details) : session.down(result.details);
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
