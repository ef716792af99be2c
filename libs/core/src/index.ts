export { AppConfig, LOG_LEVELS, WORKER_QUEUE_NAMES, type LogLevel, type WorkerQueueName } from './config/app-config';
export {
  ConfigField,
  configFieldsOf,
  type ConfigFieldMetadata,
  type ConfigFieldOptions,
} from './config/config-field.decorator';
export { ConfigModule } from './config/config.module';
export { ConfigValidationError, loadConfig, type Environment } from './config/load-config';
export { ErrorCode, PROBLEM_TYPE_PREFIX } from './errors/error-code';
export { ProblemException, type FieldError, type ProblemOptions } from './errors/problem.exception';
export {
  ProblemDetailsFilter,
  PROBLEM_CONTENT_TYPE,
  problemBody,
  type ProblemBody,
} from './errors/problem-details.filter';
export { toProblem } from './errors/to-problem';
export { createValidationPipe, flattenValidationErrors } from './errors/validation.pipe';
export { closeGracefullyOnSignal, closeInOrder, type ShutdownOptions } from './lifecycle/graceful-shutdown';
export { createRedisClient, type RedisClient, type RedisClientOptions, type RedisTarget } from './redis/redis-client';
export { SecretBox } from './crypto/secret-box';
export { sha256 } from './crypto/sha256';
export { createdAtPage, decodeCreatedAtCursor, type CreatedAtPosition } from './paging/created-at-page';
export { decodeCursor, encodeCursor, invalidCursor } from './paging/opaque-cursor';
export { isPostgres, returnedRows, sqlFor, sqliteConnectionOf } from './sql/sql-text';
export { resolveSecretsKey } from './crypto/secrets-key';
export { ALL_SCOPES, isScope, Scope } from './access/scope';
export {
  Public,
  PublicIf,
  PUBLIC_ROUTE,
  PUBLIC_ROUTE_IF,
  RequireScopes,
  REQUIRED_SCOPES,
} from './access/access-policy.decorator';
export { Money } from './canonical/money';
export { SourceRef } from './canonical/source-ref';
export { type CanonicalRecordMeta } from './canonical/canonical-record';
export { Customer, CustomerFields, CUSTOMER_STATUSES } from './canonical/customer';
export { Contact, ContactFields } from './canonical/contact';
export { Product, ProductFields } from './canonical/product';
export { Order, OrderFields, OrderLine, ORDER_STATUSES } from './canonical/order';
export { Invoice, InvoiceFields } from './canonical/invoice';
export {
  CANONICAL_ENTITIES,
  CANONICAL_ENTITY_NAMES,
  isCanonicalEntity,
  type CanonicalEntityName,
} from './canonical/canonical-entities';
export { hubId, parseHubId } from './canonical/hub-id';
export { RequestContext, type RequestContextStore } from './context/request-context';
export { problemErrorHandler } from './errors/fastify-error-handler';
