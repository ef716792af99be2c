import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { CANONICAL_ENTITY_NAMES } from '@trestle/core';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { DEAD_LETTER_STATUSES, DeadLetterStatus } from './dead-letter.entity';

export class ListDeadLettersQuery {
  @ApiPropertyOptional({ enum: DEAD_LETTER_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('4')
  connectionId?: string;

  @ApiPropertyOptional({ enum: CANONICAL_ENTITY_NAMES })
  @IsOptional()
  @IsIn(CANONICAL_ENTITY_NAMES)
  entity?: string;

  @ApiPropertyOptional({ description: 'Only letters from this sync run.' })
  @IsOptional()
  @IsUUID('4')
  syncRunId?: string;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ReplayDeadLetterDto {
  @ApiPropertyOptional({
    description: 'A corrected source record to use instead of the stored one.',
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  raw?: Record<string, unknown>;
}

export class DeadLetterFieldError {
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

export class DeadLetterResponse {
  @ApiProperty() id!: string;
  @ApiProperty() connectionId!: string;
  @ApiProperty() entity!: string;
  @ApiProperty({ type: String, nullable: true }) sourceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) syncRunId!: string | null;
  @ApiProperty({ enum: ['mapping', 'validation'] }) stage!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: DeadLetterFieldError, isArray: true }) errors!: DeadLetterFieldError[];
  @ApiProperty({ enum: DEAD_LETTER_STATUSES }) status!: string;
  @ApiProperty({ description: 'Times this exact source record was rejected.' }) occurrences!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The stored record after a successful replay.' })
  recordId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class DeadLetterDetailResponse extends DeadLetterResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The source record as read.' })
  raw!: Record<string, unknown>;
}

export class DeadLetterPageResponse {
  @ApiProperty({ type: DeadLetterResponse, isArray: true }) data!: DeadLetterResponse[];
  @ApiProperty({ type: String, nullable: true }) cursor!: string | null;
}

export class ReplayResultResponse {
  @ApiProperty({ enum: ['stored', 'rejected'] }) outcome!: 'stored' | 'rejected';
  @ApiProperty({ type: DeadLetterDetailResponse }) deadLetter!: DeadLetterDetailResponse;
}
