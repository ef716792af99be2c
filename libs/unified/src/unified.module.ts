import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CANONICAL_ENTITY_NAMES } from '@trestle/core';
import { IncludingReadService } from './enrichments/including-read.service';
import { RECORD_ENRICHMENTS_RESOLVERS } from './enrichments/record-enrichments.resolver';
import { EntityReadService } from './entity-read.service';
import { entityResolver, OrderCustomerResolver } from './graphql/entity-resolver.factory';
import { PassthroughResolver } from './graphql/passthrough.resolver';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository';
import { IdempotencyService } from './idempotency/idempotency.service';
import { LiveCacheModule } from './live/cache/live-cache.module';
import { CanonicalMapper } from './live/canonical-mapper';
import { LiveReader } from './live/live-reader';
import { RecordWriter } from './live/record-writer';
import { PassthroughController } from './passthrough/passthrough.controller';
import { PassthroughService } from './passthrough/passthrough.service';
import { entityController } from './rest/entity-controller.factory';

export const UNIFIED_ENTITIES = [IdempotencyKeyEntity];

/** The unified API: canonical entities over REST and GraphQL, writes with idempotency, passthrough. */
@Module({
  imports: [TypeOrmModule.forFeature(UNIFIED_ENTITIES), LiveCacheModule],
  controllers: [...CANONICAL_ENTITY_NAMES.map(entityController), PassthroughController],
  providers: [
    CanonicalMapper,
    LiveReader,
    RecordWriter,
    EntityReadService,
    IncludingReadService,
    IdempotencyKeyRepository,
    IdempotencyService,
    PassthroughService,
    ...CANONICAL_ENTITY_NAMES.map(entityResolver),
    OrderCustomerResolver,
    ...RECORD_ENRICHMENTS_RESOLVERS,
    PassthroughResolver,
  ],
  exports: [EntityReadService],
})
export class UnifiedModule {}
