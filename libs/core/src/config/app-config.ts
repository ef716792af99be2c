import { Transform, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';
import { redisUrlProblem } from '../redis/redis-url';
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

const redisUrlProblemOf = ({ value, object }: ValidationArguments) =>
  redisUrlProblem(typeof value === 'string' ? value : undefined, (object as AppConfig).redisCluster === true);

export const WORKER_QUEUE_NAMES = ['sync', 'normalize', 'infer'] as const;
export type WorkerQueueName = (typeof WORKER_QUEUE_NAMES)[number];

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

  @ConfigField({
    env: 'DATABASE_POOL_SIZE',
    default: '10',
    description: 'Maximum PostgreSQL connections per process, besides the up to 4 of its audit append thread.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  databasePoolSize!: number;

  @ConfigField({
    env: 'REDIS_URL',
    sensitive: true,
    description:
      'Redis URL for BullMQ queues and the live read cache (redis://host:6379). With REDIS_CLUSTER=true, the seed nodes of a Redis Cluster, comma-separated (redis://user:pass@h1:7000,h2:7000,h3:7000). Unset: queues run in-process and each hub caches live reads for itself.',
  })
  @ValidateIf((config: AppConfig) => config.redisCluster === true || config.redisUrl !== undefined)
  @ValidateBy({
    name: 'redisUrl',
    validator: {
      validate: (_value, args) => args !== undefined && redisUrlProblemOf(args) === undefined,
      defaultMessage: (args) => (args && redisUrlProblemOf(args)) ?? 'must be a redis:// or rediss:// URL',
    },
  })
  redisUrl?: string;

  @ConfigField({
    env: 'REDIS_CLUSTER',
    default: 'false',
    description:
      'REDIS_URL names the seed nodes of a Redis Cluster: queue keys then share one hash slot (`{QUEUE_PREFIX}`), read cache keys one slot per connection; see docs/redis.md.',
  })
  @Transform(toBoolean)
  @IsBoolean()
  redisCluster!: boolean;

  @ConfigField({
    env: 'QUEUE_PREFIX',
    default: 'trestle',
    description: 'Prefix of every BullMQ key in Redis; processes sharing work use the same prefix.',
  })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, dashes or underscores' })
  queuePrefix!: string;

  @ConfigField({
    env: 'READ_CACHE_PREFIX',
    default: 'trestle:live-cache',
    description:
      'Prefix of the live read cache keys in Redis (used when REDIS_URL is set; otherwise the cache is in-process). Hubs sharing a cache use the same prefix.',
  })
  @Matches(/^[A-Za-z0-9_:-]{1,64}$/, { message: 'must be 1-64 letters, digits, colons, dashes or underscores' })
  readCachePrefix!: string;

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
    env: 'WORKER_QUEUES',
    default: 'sync,normalize,infer',
    description:
      'Queues a worker process consumes (comma-separated: sync, normalize, infer), e.g. `infer` for a GPU worker pool and `sync,normalize` for the rest. With in-process queues the hub runs them all.',
  })
  @Transform(toList)
  @IsArray()
  @ArrayNotEmpty({ message: 'WORKER_QUEUES must name at least one queue' })
  @IsIn(WORKER_QUEUE_NAMES, { each: true, message: `WORKER_QUEUES may name only ${WORKER_QUEUE_NAMES.join(', ')}` })
  workerQueues!: WorkerQueueName[];

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
    env: 'AUTH_KEY_CACHE_MS',
    default: '5000',
    description:
      'How long a verified API key is trusted in memory before its row is read again. A revocation applies at once in the process that revokes it and within this time in every other process; 0 reads the row on every request.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  authKeyCacheMs!: number;

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
    env: 'INFERENCE_DRIFT_THRESHOLD',
    default: '0.2',
    description:
      'Population stability index over which a model input or output counts as drifted (raises an alert); a model may declare its own.',
  })
  @Type(() => Number)
  @IsNumber()
  @Min(0.001)
  inferenceDriftThreshold!: number;

  @ConfigField({
    env: 'INFERENCE_DRIFT_REFERENCE_SIZE',
    default: '1000',
    description:
      "Scored records forming a model's drift reference (its first ones, per tenant); a model may declare its own.",
  })
  @Type(() => Number)
  @IsInt()
  @Min(10)
  inferenceDriftReferenceSize!: number;

  @ConfigField({
    env: 'INFERENCE_DRIFT_WINDOW_MINUTES',
    default: '1440',
    description: 'Length of the rolling current window compared with the reference; a model may declare its own.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  inferenceDriftWindowMinutes!: number;

  @ConfigField({
    env: 'INFERENCE_DRIFT_MIN_SAMPLES',
    default: '100',
    description:
      'Records the current window needs before drift is computed and alerted on; a model may declare its own.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  inferenceDriftMinSamples!: number;

  @ConfigField({
    env: 'DEMO_SYSTEMS',
    default: 'auto',
    description:
      'Start the bundled legacy simulators (SOAP ERP, REST CRM, SQL database) and connect them to the default tenant. `auto`: only in embedded mode (no DATABASE_URL).',
  })
  @IsIn(['auto', 'on', 'off'])
  demoSystems!: 'auto' | 'on' | 'off';

  @ConfigField({
    env: 'EVENTS_DISPATCH',
    default: 'auto',
    description:
      'Deliver change events from this process: on, off, or auto (the worker when REDIS_URL is set, else the hub). Several processes may dispatch at once.',
  })
  @IsIn(['auto', 'on', 'off'])
  eventsDispatch!: 'auto' | 'on' | 'off';

  @ConfigField({
    env: 'EVENTS_POLL_MS',
    default: '250',
    description: 'How often a dispatching process looks for new change events and due retries.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60000)
  eventsPollMs!: number;

  @ConfigField({
    env: 'EVENTS_MAX_ATTEMPTS',
    default: '10',
    description: 'Tries of one delivery (webhook call or stream publish) before it becomes a dead letter.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  eventsMaxAttempts!: number;

  @ConfigField({
    env: 'EVENTS_BACKOFF_MS',
    default: '1000',
    description: 'First retry delay of a failed delivery; each further retry waits twice as long (with jitter).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  eventsBackoffMs!: number;

  @ConfigField({
    env: 'EVENTS_BACKOFF_MAX_MS',
    default: '3600000',
    description: 'Longest wait between two tries of one delivery.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  eventsBackoffMaxMs!: number;

  @ConfigField({
    env: 'EVENTS_WEBHOOK_TIMEOUT_MS',
    default: '10000',
    description: 'Upper bound of one webhook call, connection to last byte; slower is a failed try.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(50)
  eventsWebhookTimeoutMs!: number;

  @ConfigField({
    env: 'EVENTS_SUBSCRIPTION_CONCURRENCY',
    default: '4',
    description: 'Deliveries in flight at once per subscription and process (each for a different record).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  eventsSubscriptionConcurrency!: number;

  @ConfigField({
    env: 'EVENTS_RETENTION_DAYS',
    default: '7',
    description:
      'Drop delivered events and their deliveries older than this many days (0 keeps them); dead letters stay until replayed.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  eventsRetentionDays!: number;

  @ConfigField({
    env: 'EVENTS_STREAM_DRIVER',
    default: 'none',
    description: 'Where stream subscriptions publish: none, nats (JetStream) or kafka.',
  })
  @IsIn(['none', 'nats', 'kafka'])
  eventsStreamDriver!: 'none' | 'nats' | 'kafka';

  @ConfigField({
    env: 'EVENTS_STREAM_SUBJECT_PREFIX',
    default: 'trestle',
    description:
      'First token of every NATS subject (`<prefix>.<tenant>.<entity>.<kind>`); the JetStream stream takes `<prefix>.>`.',
  })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, dashes or underscores' })
  eventsStreamSubjectPrefix!: string;

  @ConfigField({
    env: 'EVENTS_NATS_URL',
    sensitive: true,
    description:
      'NATS server URL(s), comma-separated (nats://user:pass@host:4222); required with EVENTS_STREAM_DRIVER=nats.',
  })
  @ValidateIf((config: AppConfig) => config.eventsStreamDriver === 'nats' || config.eventsNatsUrl !== undefined)
  @Matches(/^(nats|tls|wss?):\/\/\S+$/, {
    message: 'must be a nats://, tls:// or ws(s):// URL (required with EVENTS_STREAM_DRIVER=nats)',
  })
  eventsNatsUrl?: string;

  @ConfigField({
    env: 'EVENTS_NATS_STREAM',
    default: 'TRESTLE_EVENTS',
    description: 'JetStream stream the events go to; created at first use if missing.',
  })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, dashes or underscores' })
  eventsNatsStream!: string;

  @ConfigField({
    env: 'EVENTS_KAFKA_BROKERS',
    default: '',
    description: 'Comma-separated Kafka bootstrap brokers (host:port); required with EVENTS_STREAM_DRIVER=kafka.',
  })
  @Transform(toList)
  @IsArray()
  @ValidateIf((config: AppConfig) => config.eventsStreamDriver === 'kafka')
  @ArrayNotEmpty({ message: 'must list at least one broker with EVENTS_STREAM_DRIVER=kafka' })
  @Matches(/^[A-Za-z0-9.-]+:\d{1,5}$/, { each: true, message: 'must list host:port pairs' })
  eventsKafkaBrokers!: string[];

  @ConfigField({
    env: 'EVENTS_KAFKA_TOPIC',
    default: 'trestle.events',
    description: 'Kafka topic of every event; the key is the record (so one partition keeps its order).',
  })
  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'must be a Kafka topic name' })
  eventsKafkaTopic!: string;

  @ConfigField({ env: 'EVENTS_KAFKA_CLIENT_ID', default: 'trestle', description: 'Kafka client id of the producer.' })
  @IsString()
  @MinLength(1)
  eventsKafkaClientId!: string;

  @ConfigField({
    env: 'EVENTS_KAFKA_SSL',
    default: 'false',
    description: 'Connect to the Kafka brokers over TLS.',
  })
  @Transform(toBoolean)
  @IsBoolean()
  eventsKafkaSsl!: boolean;

  @ConfigField({
    env: 'EVENTS_KAFKA_SASL_MECHANISM',
    default: 'none',
    description: 'Kafka SASL mechanism: none, plain, scram-sha-256 or scram-sha-512.',
  })
  @IsIn(['none', 'plain', 'scram-sha-256', 'scram-sha-512'])
  eventsKafkaSaslMechanism!: 'none' | 'plain' | 'scram-sha-256' | 'scram-sha-512';

  @ConfigField({ env: 'EVENTS_KAFKA_USERNAME', description: 'Kafka SASL user name.' })
  @IsOptional()
  @IsString()
  eventsKafkaUsername?: string;

  @ConfigField({ env: 'EVENTS_KAFKA_PASSWORD', sensitive: true, description: 'Kafka SASL password.' })
  @IsOptional()
  @IsString()
  eventsKafkaPassword?: string;
}
