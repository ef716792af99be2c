import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

@ArgsType()
export class AuditFilterQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or after this instant.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events before this instant.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ example: 'api-key:0123456789ab' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ example: 'POST /v1/connections' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUUID('4')
  connectionId?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure'] })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(['success', 'failure'])
  outcome?: 'success' | 'failure';

  @ApiPropertyOptional()
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  requestId?: string;
}

@ArgsType()
export class AuditListQuery extends AuditFilterQuery {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;

export class AuditExportQuery extends AuditFilterQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'ndjson' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}

@ObjectType('AuditEvent')
export class AuditEventResponse {
  @ApiProperty() @Field(() => Int) seq!: number;
  @ApiProperty() @Field(() => String) occurredAt!: string;
  @ApiProperty() @Field(() => String) tenantId!: string;
  @ApiProperty() @Field(() => String) actor!: string;
  @ApiProperty() @Field(() => String) action!: string;
  @ApiProperty() @Field(() => String) resource!: string;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) connectionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) requestId!: string | null;
  @ApiProperty({ enum: ['success', 'failure'] }) @Field(() => String) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) status!: string | null;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) requestHash!: string | null;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) responseHash!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) details!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) bodies!: Record<string, unknown> | null;
  @ApiProperty() @Field(() => String) prevHash!: string;
  @ApiProperty() @Field(() => String) hash!: string;
}

@ObjectType('AuditEventPage')
export class AuditEventPage {
  @ApiProperty({ type: AuditEventResponse, isArray: true })
  @Field(() => [AuditEventResponse])
  data!: AuditEventResponse[];
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) cursor!: string | null;
}

@ObjectType('AuditChainFailure')
export class ChainFailureResponse {
  @ApiProperty() @Field(() => Int) seq!: number;
  @ApiProperty({ enum: ['edited', 'missing', 'inserted', 'reordered', 'head_mismatch'] })
  @Field(() => String)
  problem!: string;
  @ApiProperty() @Field(() => String) detail!: string;
}

@ObjectType('AuditVerification')
export class VerificationResponse {
  @ApiProperty() @Field(() => Boolean) ok!: boolean;
  @ApiProperty() @Field(() => Int) checked!: number;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) firstSeq!: number | null;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) lastSeq!: number | null;
  @ApiPropertyOptional({ type: ChainFailureResponse })
  @Field(() => ChainFailureResponse, { nullable: true })
  failure?: ChainFailureResponse;
}
