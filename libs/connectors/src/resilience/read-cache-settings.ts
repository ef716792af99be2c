import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_READ_CACHE_MAX_ENTRIES = 1000;

/**
 * Caching of `mode=live` reads of one connection (off unless set). Identical reads within `ttlMs`
 * are answered from the cache, identical concurrent reads make one call to the system, and writes
 * through the hub drop what is cached for the written entity.
 */
export class ReadCacheSettings {
  @ApiProperty({ description: 'How long a live page or record is answered from the cache (ms).', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  ttlMs!: number;

  @ApiPropertyOptional({
    description:
      'After ttlMs, how much longer a stale answer may be served (ms) while one refresh from the system runs.',
    default: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  staleWhileRevalidateMs?: number;

  @ApiPropertyOptional({
    description: 'Most pages and records cached for this connection; the oldest go first.',
    default: DEFAULT_READ_CACHE_MAX_ENTRIES,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxEntries?: number;

  @ApiPropertyOptional({
    description:
      "Share cached answers among all callers of the tenant. The system sees the connection's credentials, not the caller's, so its answers do not depend on the caller; false keeps each caller's cache apart.",
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  shareAcrossCallers?: boolean;
}

export type EffectiveReadCache = Required<ReadCacheSettings>;

export function effectiveReadCache(settings: ReadCacheSettings | undefined): EffectiveReadCache | undefined {
  if (!settings?.ttlMs) return undefined;
  return {
    ttlMs: settings.ttlMs,
    staleWhileRevalidateMs: settings.staleWhileRevalidateMs ?? 0,
    maxEntries: settings.maxEntries ?? DEFAULT_READ_CACHE_MAX_ENTRIES,
    shareAcrossCallers: settings.shareAcrossCallers ?? false,
  };
}
