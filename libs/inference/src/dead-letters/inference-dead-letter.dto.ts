import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CANONICAL_ENTITY_NAMES } from '@trestle/core';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { INFERENCE_DEAD_LETTER_STATUSES, InferenceDeadLetterStatus } from './inference-dead-letter.entity';

const MODEL_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export class ListInferenceDeadLettersQuery {
  @ApiPropertyOptional({ enum: INFERENCE_DEAD_LETTER_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(INFERENCE_DEAD_LETTER_STATUSES)
  status?: InferenceDeadLetterStatus;

  @ApiPropertyOptional({ enum: CANONICAL_ENTITY_NAMES })
  @IsOptional()
  @IsIn(CANONICAL_ENTITY_NAMES)
  entity?: string;

  @ApiPropertyOptional({ example: 'order-anomaly' })
  @IsOptional()
  @Matches(MODEL_NAME, { message: 'model must be a model name' })
  model?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('4')
  connectionId?: string;

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

export class ReplayInferenceDeadLettersDto {
  @ApiPropertyOptional({ enum: CANONICAL_ENTITY_NAMES, description: 'Only letters of this entity.' })
  @IsOptional()
  @IsIn(CANONICAL_ENTITY_NAMES)
  entity?: string;

  @ApiPropertyOptional({ description: 'Only letters of this model.', example: 'order-anomaly' })
  @IsOptional()
  @Matches(MODEL_NAME, { message: 'model must be a model name' })
  model?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100, description: 'Most letters replayed, newest first.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class InferenceDeadLetterResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CANONICAL_ENTITY_NAMES }) entity!: string;
  @ApiProperty({ description: 'Hub id of the record that could not be scored.' }) recordId!: string;
  @ApiProperty({ type: String, nullable: true }) connectionId!: string | null;
  @ApiProperty({ example: 'order-anomaly' }) model!: string;
  @ApiProperty({ example: '1' }) version!: string;
  @ApiProperty({ description: 'InferenceError code of the last failure.', example: 'provider_unreachable' })
  code!: string;
  @ApiProperty({ description: 'What the last failure said (never a credential).' }) reason!: string;
  @ApiProperty({ description: 'Provider calls of the last failure, retries included.' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the model input, when it could be built.' })
  inputHash!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The infer job that gave up.' }) jobId!: string | null;
  @ApiProperty({ enum: INFERENCE_DEAD_LETTER_STATUSES }) status!: string;
  @ApiProperty({ description: 'Times this record failed for this model version.' }) occurrences!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class InferenceDeadLetterPageResponse {
  @ApiProperty({ type: InferenceDeadLetterResponse, isArray: true }) data!: InferenceDeadLetterResponse[];
  @ApiProperty({ type: String, nullable: true }) cursor!: string | null;
}

export class InferenceReplayResponse {
  @ApiProperty({ description: 'Letters whose record is now scored (their enrichment is stored).' }) replayed!: number;
  @ApiProperty({ description: 'Letters whose record failed again; they stay open with the new reason.' })
  failed!: number;
  @ApiProperty({ type: InferenceDeadLetterResponse, isArray: true }) data!: InferenceDeadLetterResponse[];
}
