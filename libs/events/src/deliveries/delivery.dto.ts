import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { DELIVERY_STATUSES, DeliveryStatus } from './delivery.entity';

@ArgsType()
export class ListDeliveriesQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: '`dead` lists the dead letters.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'cursor must come from a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** GraphQL arguments of `eventDeliveries`: the subscription and the same filters as REST. */
@ArgsType()
export class SubscriptionDeliveriesArgs extends ListDeliveriesQuery {
  @Field(() => String)
  @IsUUID('4')
  subscriptionId!: string;
}

@ObjectType('EventDelivery')
export class EventDeliveryResponse {
  @ApiProperty() @Field(() => String) id!: string;
  @ApiProperty({ description: 'The CloudEvents id.' }) @Field(() => String) eventId!: string;
  @ApiProperty({ description: "The event's position in the tenant's event sequence." })
  @Field(() => String)
  sequence!: string;
  @ApiProperty({ description: 'Events of one key (one record) are delivered in order.' })
  @Field(() => String)
  orderingKey!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) @Field(() => String) status!: DeliveryStatus;
  @ApiProperty() @Field(() => Int) attempts!: number;
  @ApiProperty() @Field(() => String) nextAttemptAt!: string;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) lastError!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status of the last webhook answer.' })
  @Field(() => Int, { nullable: true })
  lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) deliveredAt!: string | null;
  @ApiProperty() @Field(() => String) createdAt!: string;
  @ApiProperty() @Field(() => String) updatedAt!: string;
}

export class EventDeliveryDetailResponse extends EventDeliveryResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The CloudEvent as delivered (null once retention dropped it).',
  })
  event!: Record<string, unknown> | null;
}

@ObjectType('EventDeliveryPage')
export class EventDeliveryPageResponse {
  @ApiProperty({ type: EventDeliveryResponse, isArray: true })
  @Field(() => [EventDeliveryResponse])
  data!: EventDeliveryResponse[];
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) cursor!: string | null;
}

@ObjectType('EventReplay')
export class EventReplayResponse {
  @ApiProperty({ description: 'Dead letters put back in line.' }) @Field(() => Int) replayed!: number;
}

export class ListEventsQuery {
  @ApiPropertyOptional({ description: 'Only events after this sequence (exclusive); from the start when absent.' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'after must be an event sequence' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class EventPageResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, isArray: true, description: 'CloudEvents, oldest first.' })
  data!: Record<string, unknown>[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page.' })
  next!: string | null;
}
