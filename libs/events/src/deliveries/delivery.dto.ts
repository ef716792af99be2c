import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DELIVERY_STATUSES, DeliveryStatus } from './delivery.entity';

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: '`dead` lists the dead letters.' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page.' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'cursor must come from a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class EventDeliveryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The CloudEvents id.' }) eventId!: string;
  @ApiProperty({ description: "The event's position in the tenant's event sequence." }) sequence!: string;
  @ApiProperty({ description: 'Events of one key (one record) are delivered in order.' }) orderingKey!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty() nextAttemptAt!: string;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status of the last webhook answer.' })
  lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true }) deliveredAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
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

export class EventDeliveryPageResponse {
  @ApiProperty({ type: EventDeliveryResponse, isArray: true }) data!: EventDeliveryResponse[];
  @ApiProperty({ type: String, nullable: true }) cursor!: string | null;
}

export class EventReplayResponse {
  @ApiProperty({ description: 'Dead letters put back in line.' }) replayed!: number;
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
