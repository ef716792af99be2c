import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CANONICAL_ENTITY_NAMES, type CanonicalEntityName } from '@trestle/core';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';

@ArgsType()
export class EnrichmentQuery {
  @ApiPropertyOptional({ enum: CANONICAL_ENTITY_NAMES, description: 'Canonical entity of the record.' })
  @Field(() => String, { nullable: true })
  @ValidateIf((query: EnrichmentQuery) => query.entity !== undefined || query.recordId !== undefined)
  @IsIn(CANONICAL_ENTITY_NAMES, { message: 'entity must be one of ' + CANONICAL_ENTITY_NAMES.join(', ') })
  entity?: CanonicalEntityName;

  @ApiPropertyOptional({
    description: 'Hub id of the record (needs entity). Omitted: the newest enrichments of the tenant.',
    example: 'ord_YWNtZS1lcnA6U08wMDAwMDQy',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  recordId?: string;

  @ApiPropertyOptional({ description: 'Only this model.', example: 'order-anomaly' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,62}$/, { message: 'model must be a model name' })
  model?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ObjectType('Enrichment')
export class EnrichmentResponse {
  @ApiProperty({ enum: CANONICAL_ENTITY_NAMES })
  @Field(() => String)
  entity!: string;

  @ApiProperty({ description: 'Hub id of the enriched record.' })
  @Field(() => String)
  recordId!: string;

  @ApiProperty({ example: 'order-anomaly' })
  @Field(() => String)
  model!: string;

  @ApiProperty({ example: '1' })
  @Field(() => String)
  version!: string;

  @ApiProperty({ example: 'riskScore', description: 'The enrichment field on the record, e.g. order.riskScore.' })
  @Field(() => String)
  field!: string;

  @ApiProperty({ description: 'The model output: a number, a vector, a text or an object.', example: 0.0731 })
  output!: unknown;

  @ApiProperty({ description: 'SHA-256 of the model input built from the record.' })
  @Field(() => String)
  inputHash!: string;

  @ApiProperty({ format: 'date-time' })
  @Field(() => String)
  createdAt!: string;
}

export class EnrichmentList {
  @ApiProperty({ type: EnrichmentResponse, isArray: true, description: 'Newest first.' })
  data!: EnrichmentResponse[];
}

@ObjectType('InferenceModel')
export class ModelResponse {
  @ApiProperty({ example: 'order-anomaly' })
  @Field(() => String)
  name!: string;

  @ApiProperty({ example: '1' })
  @Field(() => String)
  version!: string;

  @ApiProperty({ enum: CANONICAL_ENTITY_NAMES })
  @Field(() => String)
  entity!: string;

  @ApiProperty({ example: 'riskScore' })
  @Field(() => String)
  enrichment!: string;

  @ApiProperty({ enum: ['onnx', 'kserve-v2', 'openai-embeddings', 'openai-chat'] })
  @Field(() => String)
  provider!: string;

  @ApiProperty({ description: 'Where it runs, e.g. `onnx order-anomaly-1.onnx (cpu)`; never a credential.' })
  @Field(() => String, { nullable: true })
  servedBy?: string;

  @ApiProperty()
  @Field(() => Boolean)
  enabled!: boolean;

  @ApiPropertyOptional()
  @Field(() => String, { nullable: true })
  description?: string;
}

export class ModelList {
  @ApiProperty({ type: ModelResponse, isArray: true })
  data!: ModelResponse[];
}
