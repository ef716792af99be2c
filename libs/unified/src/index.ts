export { UnifiedModule, UNIFIED_ENTITIES } from './unified.module';
export { EntityReadService } from './entity-read.service';
export { formatGraphQLError } from './graphql/graphql-error-formatter';
export { queryCostLimit } from './graphql/query-cost.rule';
export { ListEntitiesQuery, ReadModeQuery } from './live/list-entities.query';
export type { CanonicalRecord } from './live/canonical-mapper';
