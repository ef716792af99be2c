import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ConfigField } from './config-field.decorator';

const toBoolean = ({ value }: { value: unknown }) =>
  value === true || value === 'true' || value === '1'
    ? true
    : value === false || value === 'false' || value === '0'
      ? false
      : value;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Every setting Trestle reads, in one place. Each field names its environment variable,
 * default, validation and whether it is sensitive; `npm run config:docs` renders this
 * class into the README.
 */
export class AppConfig {
  @ConfigField({ env: 'PORT', default: '3000', description: 'TCP port the hub listens on.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  port!: number;

  @ConfigField({
    env: 'WORKER_PORT',
    default: '3001',
    description: 'TCP port of the worker process (health and metrics only).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  workerPort!: number;

  @ConfigField({ env: 'HOST', default: '0.0.0.0', description: 'Interface the hub binds to.' })
  @IsString()
  @MinLength(1)
  host!: string;

  @ConfigField({
    env: 'DATABASE_URL',
    sensitive: true,
    description:
      'PostgreSQL connection URL (postgres://user:pass@host:5432/db). Unset: the embedded SQLite file is used.',
  })
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  databaseUrl?: string;

  @ConfigField({
    env: 'SQLITE_PATH',
    default: 'data/trestle.sqlite',
    description: 'SQLite database file used when DATABASE_URL is unset (`:memory:` for a throwaway database).',
  })
  @IsString()
  @MinLength(1)
  sqlitePath!: string;

  @ConfigField({ env: 'DATABASE_POOL_SIZE', default: '10', description: 'Maximum PostgreSQL connections per process.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  databasePoolSize!: number;

  @ConfigField({
    env: 'REDIS_URL',
    sensitive: true,
    description: 'Redis URL for BullMQ queues (redis://host:6379). Unset: queues run in-process.',
  })
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  redisUrl?: string;

  @ConfigField({ env: 'LOG_LEVEL', default: 'info', description: `Minimum log level: ${LOG_LEVELS.join(', ')}.` })
  @IsIn(LOG_LEVELS)
  logLevel!: LogLevel;

  @ConfigField({ env: 'LOG_PRETTY', default: 'false', description: 'Human-readable logs instead of JSON lines.' })
  @Transform(toBoolean)
  @IsBoolean()
  logPretty!: boolean;

  @ConfigField({
    env: 'METRICS_PUBLIC',
    default: 'false',
    description: 'Serve /metrics without authentication (for a scraper on a private network).',
  })
  @Transform(toBoolean)
  @IsBoolean()
  metricsPublic!: boolean;

  @ConfigField({ env: 'BODY_LIMIT_BYTES', default: '1048576', description: 'Largest request body accepted, in bytes.' })
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  bodyLimitBytes!: number;

  @ConfigField({
    env: 'SHUTDOWN_GRACE_MS',
    default: '10000',
    description: 'How long SIGTERM waits for in-flight requests and jobs before the process exits anyway.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  shutdownGraceMs!: number;
}
