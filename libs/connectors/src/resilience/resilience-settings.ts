import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ReadCacheSettings } from './read-cache-settings';

/** Per-connection protection of a legacy system; every field falls back to the CONNECTOR_* defaults. */
export class ResilienceSettings {
  @ApiPropertyOptional({
    description: 'Upper bound of one call in ms; the socket is aborted when it passes.',
    minimum: 50,
  })
  @IsOptional()
  @IsInt()
  @Min(50)
  @Max(600_000)
  timeoutMs?: number;

  @ApiPropertyOptional({
    description: 'Retries of idempotent reads (list, get, check) with jittered backoff.',
    maximum: 10,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  retries?: number;

  @ApiPropertyOptional({ description: 'Consecutive failures that open the circuit breaker.', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  breakerThreshold?: number;

  @ApiPropertyOptional({ description: 'How long an open breaker waits before letting one trial call through (ms).' })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  breakerHalfOpenAfterMs?: number;

  @ApiPropertyOptional({ description: 'Calls in flight at once against this system (bulkhead).', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxConcurrent?: number;

  @ApiPropertyOptional({ description: 'Calls allowed to wait for a bulkhead slot before new ones are refused.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  maxQueued?: number;

  @ApiPropertyOptional({ description: 'Largest response accepted from the system, in bytes.' })
  @IsOptional()
  @IsInt()
  @Min(1024)
  maxResponseBytes?: number;

  @ApiPropertyOptional({ type: ReadCacheSettings, description: 'Cache of live reads; off unless set.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReadCacheSettings)
  readCache?: ReadCacheSettings;
}

export type EffectiveResilience = Required<Omit<ResilienceSettings, 'readCache'>>;
