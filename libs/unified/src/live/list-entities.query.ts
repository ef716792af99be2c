import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export const READ_MODES = ['live', 'store'] as const;
export type ReadMode = (typeof READ_MODES)[number];

export const RECORD_INCLUDES = ['enrichments'] as const;
export type RecordInclude = (typeof RECORD_INCLUDES)[number];

/** Where a read is served from. */
@ArgsType()
export class ReadModeQuery {
  @ApiPropertyOptional({
    enum: READ_MODES,
    default: 'live',
    description: '`live` asks the legacy systems now; `store` reads the canonical store kept fresh by syncs.',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(READ_MODES)
  mode?: ReadMode;

  @ApiPropertyOptional({
    enum: RECORD_INCLUDES,
    description:
      '`enrichments`: each record also carries its current model outputs, under `enrichments` (GraphQL: select the `enrichments` field).',
  })
  @IsOptional()
  @IsIn(RECORD_INCLUDES)
  include?: RecordInclude;
}

/** Query string of every list endpoint (REST) and arguments of every list field (GraphQL). */
@ArgsType()
export class ListEntitiesQuery extends ReadModeQuery {
  @ApiPropertyOptional({
    description: 'Only this connection; default: every connection of the tenant that serves the entity.',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUUID('4')
  connectionId?: string;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page (`cursor` of the response).' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only records modified at or after this instant.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  modifiedSince?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name, number, SKU or last name.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ description: 'Exact status.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  status?: string;

  @ApiPropertyOptional({ description: 'Exact e-mail address (case-insensitive).' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  email?: string;

  @ApiPropertyOptional({ description: 'Records of this customer (its id in the same legacy system).' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  customerSourceId?: string;

  @ApiPropertyOptional({ description: 'Sort field, `-` for descending (e.g. `-updatedAt`); store mode only.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  sort?: string;
}

export const DEFAULT_PAGE_SIZE = 50;

/** For systems whose keys the caller assigns (a SQL table with a natural key). */
export class CreateTargetQuery {
  @ApiPropertyOptional({ description: "The new record's key in the legacy system, where the caller assigns it." })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  sourceId?: string;
}
