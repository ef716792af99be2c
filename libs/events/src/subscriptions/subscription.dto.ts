import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { CANONICAL_ENTITY_NAMES } from '@trestle/core';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { SUBSCRIPTION_KINDS, SubscriptionKind } from './subscription.entity';

const NAME = /^[a-z0-9][a-z0-9-]{0,99}$/;
const TYPE_PATTERN = /^[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?$|^\*$/;

@InputType('CreateEventSubscriptionInput')
export class CreateEventSubscriptionDto {
  @ApiProperty({ description: 'Unique per tenant: lowercase letters, digits and dashes.', example: 'crm-sync' })
  @Field(() => String)
  @Matches(NAME, { message: 'name must be lowercase letters, digits and dashes (max 100)' })
  name!: string;

  @ApiProperty({
    enum: SUBSCRIPTION_KINDS,
    description:
      '`webhook`: signed HTTPS POSTs to `url`. `stream`: published to the configured stream (NATS or Kafka).',
  })
  @Field(() => String)
  @IsIn(SUBSCRIPTION_KINDS)
  kind!: SubscriptionKind;

  @ApiPropertyOptional({
    description: 'Where webhook events are POSTed (http or https). Redirects to another host are never followed.',
    example: 'https://hooks.example.com/trestle',
  })
  @Field(() => String, { nullable: true })
  @ValidateIf((dto: CreateEventSubscriptionDto) => dto.kind === 'webhook' || dto.url !== undefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({
    enum: CANONICAL_ENTITY_NAMES,
    isArray: true,
    description: 'Only changes of these entities (none: every entity, and non-record events).',
  })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(CANONICAL_ENTITY_NAMES, { each: true })
  entities?: string[];

  @ApiPropertyOptional({ type: String, isArray: true, description: 'Only events of these connections (none: all).' })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('4', { each: true })
  connectionIds?: string[];

  @ApiPropertyOptional({
    type: String,
    isArray: true,
    description: 'Only these event types; a trailing `*` matches a prefix (`trestle.alert.*`). None: all.',
    example: ['trestle.customer.*'],
  })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TYPE_PATTERN, { each: true, message: 'each type must be dotted lowercase, optionally ending in .*' })
  types?: string[];

  @ApiPropertyOptional({ default: true, description: 'A disabled subscription gets no new events; queued ones wait.' })
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Any creation field but the kind; lists are replaced as a whole. */
export class UpdateEventSubscriptionDto extends PartialType(OmitType(CreateEventSubscriptionDto, ['kind'] as const)) {}

@ObjectType()
export class EventDeliveryCounts {
  @ApiProperty() @Field(() => Int) pending!: number;
  @ApiProperty() @Field(() => Int) delivered!: number;
  @ApiProperty({ description: 'Dead letters: deliveries that ran out of tries.' }) @Field(() => Int) dead!: number;
}

@ObjectType('EventSubscription')
export class EventSubscriptionResponse {
  @ApiProperty() @Field(() => String) id!: string;
  @ApiProperty() @Field(() => String) name!: string;
  @ApiProperty({ enum: SUBSCRIPTION_KINDS }) @Field(() => String) kind!: SubscriptionKind;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) url!: string | null;
  @ApiProperty({ type: String, isArray: true }) @Field(() => [String]) entities!: string[];
  @ApiProperty({ type: String, isArray: true }) @Field(() => [String]) connectionIds!: string[];
  @ApiProperty({ type: String, isArray: true }) @Field(() => [String]) types!: string[];
  @ApiProperty() @Field(() => Boolean) enabled!: boolean;
  @ApiProperty({ type: EventDeliveryCounts }) @Field(() => EventDeliveryCounts) deliveries!: EventDeliveryCounts;
  @ApiProperty() @Field(() => String) createdAt!: string;
  @ApiProperty() @Field(() => String) updatedAt!: string;
}

@ObjectType('EventSubscriptionSecret')
export class EventSubscriptionSecretResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The webhook signing secret, shown this once (stored encrypted). Null for stream subscriptions. See docs/events.md to verify signatures.',
    example: 'whsec_3q2-7wAbCdEf...',
  })
  @Field(() => String, { nullable: true })
  secret!: string | null;
}

@ObjectType('CreatedEventSubscription')
export class CreatedEventSubscriptionResponse extends EventSubscriptionResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The webhook signing secret, shown this once (stored encrypted). Null for stream subscriptions.',
  })
  @Field(() => String, { nullable: true })
  secret!: string | null;
}
