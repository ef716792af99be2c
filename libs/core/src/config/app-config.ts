import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { ConfigField } from './config-field.decorator';

const toBoolean = ({ value }: { value: unknown }) =>
  value === true || value === 'true' || value === '1'
    ? true
    : value === false || value === 'false' || value === '0'
      ? false
      : value;

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
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

  @ConfigField({
    env: 'QUEUE_PREFIX',
    default: 'trestle',
    description: 'Prefix of every BullMQ key in Redis; processes sharing work use the same prefix.',
  })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, dashes or underscores' })
  queuePrefix!: string;

  @ConfigField({
    env: 'WORKER_CONCURRENCY',
    default: '4',
    description: 'Jobs one process runs at once per queue (sync pages, normalization batches).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  workerConcurrency!: number;

  @ConfigField({
    env: 'JOB_ATTEMPTS',
    default: '5',
    description: 'Tries of one pipeline job before it fails for good (its sync run is then marked failed).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  jobAttempts!: number;

  @ConfigField({
    env: 'JOB_BACKOFF_MS',
    default: '1000',
    description: 'First retry delay of a failed job; each further retry waits twice as long.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  jobBackoffMs!: number;

  @ConfigField({
    env: 'QUEUE_LOCK_MS',
    default: '30000',
    description:
      "How long a worker holds a job without renewing its lock; a crashed worker's jobs are retried after about twice this.",
  })
  @Type(() => Number)
  @IsInt()
  @Min(500)
  queueLockMs!: number;

  @ConfigField({
    env: 'SYNC_PAGE_SIZE',
    default: '500',
    description: 'Records a sync asks the legacy system for per page (the adapter may cap it).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  syncPageSize!: number;

  @ConfigField({
    env: 'SYNC_MAX_PAGES_AHEAD',
    default: '8',
    description: 'Pages a sync may read ahead of normalization before it waits (bounds queue memory).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  syncMaxPagesAhead!: number;

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

  @ConfigField({
    env: 'SECRETS_KEY',
    sensitive: true,
    description:
      'Base64 of 32 random bytes: the AES-256-GCM key that encrypts legacy credentials and signing keys at rest. Unset: a key is generated into SECRETS_KEY_FILE (embedded mode only).',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be base64 of exactly 32 bytes (openssl rand -base64 32)' })
  secretsKey?: string;

  @ConfigField({
    env: 'SECRETS_KEY_FILE',
    default: 'data/secrets.key',
    description: 'Where the generated secrets key is kept when SECRETS_KEY is unset.',
  })
  @IsString()
  @MinLength(1)
  secretsKeyFile!: string;

  @ConfigField({
    env: 'AUTH_JWKS_URL',
    description:
      "Identity provider's JWKS URL; bearer JWTs are verified against it (cached, refreshed on unknown kid).",
  })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  authJwksUrl?: string;

  @ConfigField({
    env: 'AUTH_JWKS_COOLDOWN_MS',
    default: '30000',
    description: 'Least time between two JWKS fetches triggered by unknown key ids (protects the identity provider).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  authJwksCooldownMs!: number;

  @ConfigField({
    env: 'AUTH_JWT_PUBLIC_KEYS',
    description: 'Static JWKS (JSON with a `keys` array) to verify bearer JWTs when no JWKS URL is used.',
  })
  @IsOptional()
  @IsString()
  authJwtPublicKeys?: string;

  @ConfigField({ env: 'AUTH_JWT_ISSUER', description: 'Required `iss` of bearer JWTs.' })
  @IsOptional()
  @IsString()
  authJwtIssuer?: string;

  @ConfigField({ env: 'AUTH_JWT_AUDIENCE', description: 'Required `aud` of bearer JWTs.' })
  @IsOptional()
  @IsString()
  authJwtAudience?: string;

  @ConfigField({
    env: 'AUTH_JWT_ALGORITHMS',
    default: 'RS256,ES256,EdDSA',
    description: 'Comma-separated allow-list of JWT algorithms (asymmetric only; `none` and HS* are refused).',
  })
  @Matches(/^(RS|PS|ES)(256|384|512)$|^EdDSA$|^((RS|PS|ES)(256|384|512)|EdDSA)(,((RS|PS|ES)(256|384|512)|EdDSA))+$/, {
    message: 'must list asymmetric JWS algorithms only, e.g. RS256,ES256',
  })
  authJwtAlgorithms!: string;

  @ConfigField({ env: 'AUTH_JWT_CLOCK_TOLERANCE_S', default: '30', description: 'Clock skew allowed on exp/nbf/iat.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  authJwtClockToleranceSeconds!: number;

  @ConfigField({ env: 'AUTH_TENANT_CLAIM', default: 'tenant', description: 'JWT claim that names the caller tenant.' })
  @IsString()
  authTenantClaim!: string;

  @ConfigField({
    env: 'AUTH_SCOPE_CLAIM',
    default: 'scope',
    description: 'JWT claim holding scopes (space-separated string or array).',
  })
  @IsString()
  authScopeClaim!: string;

  @ConfigField({
    env: 'RATE_LIMIT_PER_MINUTE',
    default: '1200',
    description: 'Requests per minute allowed to one principal (or one address before authentication).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  rateLimitPerMinute!: number;

  @ConfigField({
    env: 'PRINT_BOOTSTRAP_KEY',
    default: 'true',
    description: 'On first start with no API key, print the generated admin key once to the console.',
  })
  @Transform(toBoolean)
  @IsBoolean()
  printBootstrapKey!: boolean;

  @ConfigField({
    env: 'ADAPTER_PLUGINS',
    default: '',
    description: 'Comma-separated npm package names of adapter plugins to load (each default-exports defineAdapter()).',
  })
  @Transform(toList)
  @IsArray()
  @Matches(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/, {
    each: true,
    message: 'must list npm package names',
  })
  adapterPlugins!: string[];

  @ConfigField({
    env: 'CONNECTOR_TIMEOUT_MS',
    default: '10000',
    description: 'Default upper bound of one legacy call.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(50)
  connectorTimeoutMs!: number;

  @ConfigField({ env: 'CONNECTOR_RETRIES', default: '2', description: 'Default retries of idempotent legacy reads.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  connectorRetries!: number;

  @ConfigField({
    env: 'CONNECTOR_BREAKER_THRESHOLD',
    default: '5',
    description: 'Default consecutive failures that open a connection circuit breaker.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  connectorBreakerThreshold!: number;

  @ConfigField({
    env: 'CONNECTOR_BREAKER_HALF_OPEN_MS',
    default: '30000',
    description: 'Default wait before an open breaker lets a trial call through.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(100)
  connectorBreakerHalfOpenMs!: number;

  @ConfigField({
    env: 'CONNECTOR_MAX_CONCURRENT',
    default: '10',
    description: 'Default calls in flight at once per legacy system (bulkhead).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  connectorMaxConcurrent!: number;

  @ConfigField({
    env: 'CONNECTOR_MAX_QUEUED',
    default: '100',
    description: 'Default calls waiting for a bulkhead slot before new ones are refused.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  connectorMaxQueued!: number;

  @ConfigField({
    env: 'CONNECTOR_MAX_RESPONSE_BYTES',
    default: '10485760',
    description: 'Default largest response accepted from a legacy system.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  connectorMaxResponseBytes!: number;

  @ConfigField({ env: 'GRAPHQL_MAX_DEPTH', default: '8', description: 'Deepest GraphQL selection accepted.' })
  @Type(() => Number)
  @IsInt()
  @Min(2)
  graphqlMaxDepth!: number;

  @ConfigField({
    env: 'GRAPHQL_MAX_COST',
    default: '20000',
    description: 'Highest estimated GraphQL query cost accepted (each field 1, multiplied by list limits).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(10)
  graphqlMaxCost!: number;

  @ConfigField({
    env: 'AUDIT_ENABLED',
    default: 'true',
    description: 'Record inbound and outbound calls in the audit trail. Turn off only to measure its cost.',
  })
  @Transform(toBoolean)
  @IsBoolean()
  auditEnabled!: boolean;

  @ConfigField({
    env: 'AUDIT_CAPTURE_BODIES',
    default: 'false',
    description: 'Store request and response bodies (redacted) in audit events, not only their SHA-256.',
  })
  @Transform(toBoolean)
  @IsBoolean()
  auditCaptureBodies!: boolean;

  @ConfigField({
    env: 'AUDIT_RETENTION_DAYS',
    default: '0',
    description:
      'Drop audit events older than this many days (0 keeps them forever); on PostgreSQL by whole monthly partitions, so up to a month later. The chain stays verifiable.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  auditRetentionDays!: number;

  @ConfigField({
    env: 'AUDIT_ARCHIVE_DIR',
    description:
      'Before retention drops audit events, write them here: one signed NDJSON export per tenant and dropped part (check with scripts/verify-audit-export.mjs). Unset: dropped events are not archived.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  auditArchiveDir?: string;

  @ConfigField({
    env: 'INFERENCE_MODELS_FILE',
    default: 'libs/inference/models/models.yaml',
    description:
      'YAML or JSON file declaring the inference models (entity, features, provider, enrichment); see docs/inference.md.',
  })
  @IsString()
  @MinLength(1)
  inferenceModelsFile!: string;

  @ConfigField({
    env: 'INFERENCE_DEVICE',
    default: 'cpu',
    description:
      'Where in-process ONNX models run: cpu, or cuda (falls back to CPU, logged, when CUDA is unavailable).',
  })
  @IsIn(['cpu', 'cuda'])
  inferenceDevice!: 'cpu' | 'cuda';

  @ConfigField({
    env: 'INFERENCE_MAX_BATCH',
    default: '32',
    description: 'Most records in one provider call (micro-batching); a model may declare its own.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4096)
  inferenceMaxBatch!: number;

  @ConfigField({
    env: 'INFERENCE_MAX_WAIT_MS',
    default: '5',
    description: 'Longest a record waits for others to fill a batch before a partial batch is sent.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  inferenceMaxWaitMs!: number;

  @ConfigField({
    env: 'INFERENCE_MAX_CONCURRENT_BATCHES',
    default: '2',
    description: 'Provider calls in flight at once per model; further records queue and are batched together.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  inferenceMaxConcurrentBatches!: number;

  @ConfigField({
    env: 'INFERENCE_MAX_QUEUED',
    default: '10000',
    description: 'Records waiting per model before new ones are refused (retryable `overloaded`).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  inferenceMaxQueued!: number;

  @ConfigField({
    env: 'INFERENCE_TIMEOUT_MS',
    default: '10000',
    description: 'Default upper bound of one provider call; a model may declare its own.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(10)
  inferenceTimeoutMs!: number;

  @ConfigField({
    env: 'INFERENCE_RETRIES',
    default: '2',
    description: 'Default retries (exponential backoff) of a provider call that failed for a transient reason.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  inferenceRetries!: number;

  @ConfigField({
    env: 'INFERENCE_ONNX_THREADS',
    default: '0',
    description: 'Intra-op threads of each in-process ONNX session; 0 lets ONNX Runtime choose.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(256)
  inferenceOnnxThreads!: number;

  @ConfigField({
    env: 'INFERENCE_API_KEY',
    sensitive: true,
    description:
      'Bearer key sent to KServe v2 and OpenAI-compatible servers unless a model names its own variable (apiKeyEnv).',
  })
  @IsOptional()
  @IsString()
  inferenceApiKey?: string;

  @ConfigField({
    env: 'DEMO_SYSTEMS',
    default: 'auto',
    description:
      'Start the bundled legacy simulators (SOAP ERP, REST CRM, SQL database) and connect them to the default tenant. `auto`: only in embedded mode (no DATABASE_URL).',
  })
  @IsIn(['auto', 'on', 'off'])
  demoSystems!: 'auto' | 'on' | 'off';
}
