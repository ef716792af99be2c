import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { CANONICAL_ENTITY_NAMES } from '@trestle/core';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { SYNC_MODES, SYNC_STATUSES, SyncMode } from './sync-mode';

export class StartSyncDto {
  @ApiProperty({ enum: CANONICAL_ENTITY_NAMES })
  @IsIn(CANONICAL_ENTITY_NAMES)
  entity!: string;

  @ApiPropertyOptional({
    enum: SYNC_MODES,
    default: 'incremental',
    description: '`incremental` reads records modified since the last successful run (all of them the first time).',
  })
  @IsOptional()
  @IsIn(SYNC_MODES)
  mode?: SyncMode;
}

export class ListSyncsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class SyncScheduleDto {
  @ApiPropertyOptional({ enum: SYNC_MODES, default: 'incremental' })
  @IsOptional()
  @IsIn(SYNC_MODES)
  mode?: SyncMode;

  @ApiPropertyOptional({
    description: 'Cron pattern, UTC (e.g. `*/15 * * * *`); give this or everyMs.',
    example: '*/15 * * * *',
  })
  @ValidateIf((dto: SyncScheduleDto) => dto.everyMs === undefined)
  @IsString()
  @Length(9, 100)
  cron?: string;

  @ApiPropertyOptional({ description: 'Fixed interval in milliseconds (at least 1000); give this or cron.' })
  @ValidateIf((dto: SyncScheduleDto) => dto.cron === undefined)
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  everyMs?: number;
}

export class SyncProgressResponse {
  @ApiProperty({ description: 'Pages read from the legacy system.' }) pages!: number;
  @ApiProperty() recordsRead!: number;
  @ApiProperty({ description: 'Records created or changed in the canonical store.' }) written!: number;
  @ApiProperty({ description: 'Records whose content had not changed.' }) unchanged!: number;
  @ApiProperty({ description: 'Records sent to dead letters.' }) rejected!: number;
  @ApiProperty({ description: 'Pages normalized so far.' }) pagesNormalized!: number;
}

export class SyncErrorResponse {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class SyncRunResponse {
  @ApiProperty() id!: string;
  @ApiProperty() connectionId!: string;
  @ApiProperty() entity!: string;
  @ApiProperty({ enum: SYNC_MODES }) mode!: string;
  @ApiProperty({ enum: SYNC_STATUSES }) status!: string;
  @ApiProperty({ description: '`schedule` or the actor that started it.' }) triggeredBy!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Watermark an incremental run reads from.' })
  modifiedSince!: string | null;
  @ApiProperty() cancelRequested!: boolean;
  @ApiProperty({ type: SyncProgressResponse }) progress!: SyncProgressResponse;
  @ApiPropertyOptional({ type: SyncErrorResponse }) error?: SyncErrorResponse;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
}

export class SyncRunListResponse {
  @ApiProperty({ type: SyncRunResponse, isArray: true }) data!: SyncRunResponse[];
}

export class SyncScheduleResponse {
  @ApiProperty() connectionId!: string;
  @ApiProperty() entity!: string;
  @ApiProperty({ enum: SYNC_MODES }) mode!: string;
  @ApiProperty({ type: String, nullable: true }) cron!: string | null;
  @ApiProperty({ type: Number, nullable: true }) everyMs!: number | null;
  @ApiProperty() updatedAt!: string;
}
