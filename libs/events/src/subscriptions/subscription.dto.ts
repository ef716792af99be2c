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

export class CreateEventSubscriptionDto {
  @ApiProperty({ description: 'Unique per tenant: lowercase letters, digits and dashes.', example: 'crm-sync' })
  @Matches(NAME, { message: 'name must be lowercase letters, digits and dashes (max 100)' })
  name!: string;

  @ApiProperty({
    enum: SUBSCRIPTION_KINDS,
    description:
      '`webhook`: signed HTTPS POSTs to `url`. `stream`: published to the configured stream (NATS or Kafka).',
  })
  @IsIn(SUBSCRIPTION_KINDS)
  kind!: SubscriptionKind;

  @ApiPropertyOptional({
    description: 'Where webhook events are POSTed (http or https). Redirects to another host are never followed.',
    example: 'https://hooks.example.com/trestle',
  })
  @ValidateIf((dto: CreateEventSubscriptionDto) => dto.kind === 'webhook' || dto.url !== undefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({
    enum: CANONICAL_ENTITY_NAMES,
    isArray: true,
    description: 'Only changes of these entities (none: every entity, and non-record events).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(CANONICAL_ENTITY_NAMES, { each: true })
  entities?: string[];

  @ApiPropertyOptional({ type: String, isArray: true, description: 'Only events of these connections (none: all).' })
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
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TYPE_PATTERN, { each: true, message: 'each type must be dotted lowercase, optionally ending in .*' })
  types?: string[];

  @ApiPropertyOptional({ default: true, description: 'A disabled subscription gets no new events; queued ones wait.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Any creation field but the kind; lists are replaced as a whole. */
export class UpdateEventSubscriptionDto extends PartialType(OmitType(CreateEventSubscriptionDto, ['kind'] as const)) {}

export class EventDeliveryCounts {
  @ApiProperty() pending!: number;
  @ApiProperty() delivered!: number;
  @ApiProperty({ description: 'Dead letters: deliveries that ran out of tries.' }) dead!: number;
}

export class EventSubscriptionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SUBSCRIPTION_KINDS }) kind!: SubscriptionKind;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ type: String, isArray: true }) entities!: string[];
  @ApiProperty({ type: String, isArray: true }) connectionIds!: string[];
  @ApiProperty({ type: String, isArray: true }) types!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: EventDeliveryCounts }) deliveries!: EventDeliveryCounts;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class EventSubscriptionSecretResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The webhook signing secret, shown this once (stored encrypted). Null for stream subscriptions. See docs/events.md to verify signatures.',
    example: 'whsec_3q2-7wAbCdEf...',
  })
  secret!: string | null;
}

export class CreatedEventSubscriptionResponse extends EventSubscriptionResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The webhook signing secret, shown this once (stored encrypted). Null for stream subscriptions.',
  })
  secret!: string | null;
}
